// A form that came back with errors: focus its first wrong field (the summary at the top lists
// them all, role=alert reads them out). Summary links focus their field too, opening any
// folded section around it. Without this file the summary's links still jump to the fields.
const summary = document.getElementById("error-summary");

function reveal(control) {
  for (let node = control.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  control.focus({ preventScroll: true });
  control.scrollIntoView({ block: "center" });
}

function firstWrongControl() {
  const wrong = document.querySelector(
    '[aria-invalid="true"], .has-error input:not([type=hidden]), .has-error select, .has-error textarea',
  );
  return wrong;
}

if (summary) {
  for (const link of summary.querySelectorAll("a[href^='#']")) {
    link.addEventListener("click", (event) => {
      const control = document.getElementById(link.hash.slice(1));
      if (!control) return;
      event.preventDefault();
      reveal(control);
    });
  }
  const first = firstWrongControl();
  if (first) reveal(first);
  else summary.focus();
}
