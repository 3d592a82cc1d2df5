// Printing a brief prints every item: the folded ones open before the page is printed and close again after.
"use strict";

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.more:not([open])")) {
    details.open = true;
    details.dataset.openedForPrint = "";
  }
});

window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("details[data-opened-for-print]")) {
    details.open = false;
    delete details.dataset.openedForPrint;
  }
});
