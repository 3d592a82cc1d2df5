// Keeps the page of an Add articles job current: while its section says the job is running, the page is fetched
// again every second and the section swapped for its new version. No inline script: the CSP allows only files.
"use strict";

const POLL_MILLISECONDS = 1000;

async function poll() {
  const current = document.querySelector("#job[data-running]");
  if (!current) {
    return;
  }
  try {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (response.ok) {
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("#job");
      if (fresh) {
        current.replaceWith(document.adoptNode(fresh));
      }
    }
  } finally {
    window.setTimeout(poll, POLL_MILLISECONDS);
  }
}

document.addEventListener("DOMContentLoaded", () => window.setTimeout(poll, POLL_MILLISECONDS));
