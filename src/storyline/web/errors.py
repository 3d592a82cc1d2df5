"""Errors as the client expects them: ``{"error", "detail"}`` JSON from the API, an HTML page from the pages."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from storyline.web.pages import render


def error_response(request: Request, status: int, detail: Any) -> Response:
    error = HTTPStatus(status).phrase.lower()
    if request.url.path.startswith(("/api/", "/static/")):
        return JSONResponse({"error": error, "detail": detail}, status_code=status)
    return HTMLResponse(render("error.html", status=status, error=error, detail=detail), status_code=status)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    response = error_response(request, error.status_code, error.detail)
    response.headers.update(error.headers or {})
    return response


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
    return error_response(request, HTTPStatus.UNPROCESSABLE_ENTITY, detail)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    # The traceback goes to the server log (Starlette re-raises after answering), not to the client.
    return error_response(request, HTTPStatus.INTERNAL_SERVER_ERROR, "the server failed to answer; see its log")
