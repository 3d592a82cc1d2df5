// Starts Swagger UI on /docs over the API's OpenAPI schema. A file of its own, not an inline script: the page's
// Content-Security-Policy runs scripts from this server only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
