// Keeps a page's [data-live] section current: when the server says the stories changed (server-sent events from
// /api/events), the page is fetched again and the section swapped for its new version, rendered by the same
// template as the first. No inline script: the page's Content-Security-Policy allows only this file.
"use strict";

function liveSection() {
  return document.querySelector("[data-live]");
}

async function refresh() {
  const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-live]");
  const current = liveSection();
  if (fresh && current) {
    current.replaceWith(document.adoptNode(fresh));
  }
}

function listen() {
  const section = liveSection();
  if (!section || !window.EventSource) {
    return;
  }
  const since = encodeURIComponent(section.dataset.changes || "");
  const events = new EventSource(`/api/events?since=${since}`);
  let pending = Promise.resolve();
  events.addEventListener("stories", () => {
    // One refresh at a time, in order: a burst of changes ends with the latest list.
    pending = pending.then(refresh).catch(() => undefined);
  });
}

document.addEventListener("DOMContentLoaded", listen);
