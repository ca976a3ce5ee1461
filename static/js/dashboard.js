// The charts page: draws each figure with plotly.js and makes the switches change the charts
// in place. Without this file the page still works: summaries, tables and plain links.
document.documentElement.classList.add("js");

const root = document.getElementById("dashboard");
const status = document.getElementById("dashboard-status");
const Plotly = window.Plotly;

// The page's colours (app.css variables, which switch in dark mode) replace the light
// defaults the figures are built with; a downloaded PNG then matches the screen.
function theme() {
  const css = getComputedStyle(document.documentElement);
  const value = (name) => css.getPropertyValue(name).trim();
  return { fg: value("--fg"), muted: value("--muted"), line: value("--line"), card: value("--card") };
}

function themed(layout, colours) {
  const out = structuredClone(layout);
  out.font = { ...out.font, color: colours.fg };
  out.paper_bgcolor = colours.card;
  out.plot_bgcolor = colours.card;
  for (const [key, axis] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(key)) {
      Object.assign(axis, { gridcolor: colours.line, linecolor: colours.line, zerolinecolor: colours.line });
    }
  }
  // Subplot titles take the text colour; an "empty range" note (built with a colour) the muted one.
  for (const note of out.annotations || []) {
    note.font = { ...note.font, color: note.font?.color ? colours.muted : colours.fg };
  }
  return out;
}

function figureOf(plot) {
  return JSON.parse(document.getElementById(plot.dataset.figure).textContent);
}

function draw(plot, colours) {
  const figure = figureOf(plot);
  // The page kept room to the nearest 20 px (a class: no style attributes under the CSP).
  plot.style.setProperty("--plot-height", `${plot.dataset.height}px`);
  plot.dataset.drawn = "true";
  return Plotly.react(plot, figure.data, themed(figure.layout, colours), figure.config);
}

// A chart is drawn when it comes near the screen: drawing all five at once holds a phone's
// main thread for a second or more (Lighthouse, bench/RESULTS.md), and most readers look at
// the first one or two.
const nearScreen =
  "IntersectionObserver" in window
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            nearScreen.unobserve(entry.target);
            // One chart per task: the page keeps answering taps between two drawings.
            setTimeout(() => draw(entry.target, theme()));
          }
        },
        { rootMargin: "150px 0px" },
      )
    : null;

function drawAll() {
  if (!Plotly) {
    // The bundle failed to load: the summaries and tables still stand, without empty boxes.
    document.documentElement.classList.add("no-plots");
    return;
  }
  const colours = theme();
  for (const plot of root.querySelectorAll(".plot[data-figure]")) {
    // Already drawn (a colour-scheme change): redraw now. New: wait until it is near.
    if (plot.dataset.drawn || !nearScreen) draw(plot, colours);
    else nearScreen.observe(plot);
  }
}

async function show(url, { push = true, focusKey = null } = {}) {
  root.setAttribute("aria-busy", "true");
  let response;
  try {
    const partial = new URL(url, window.location.href);
    partial.searchParams.set("partial", "1"); // the charts alone, without the page around them
    response = await fetch(partial, { credentials: "same-origin" });
  } catch {
    response = null;
  }
  if (!response || !response.ok) {
    window.location.assign(url); // let the browser show what went wrong
    return;
  }
  const html = await response.text();
  for (const plot of root.querySelectorAll(".plot[data-figure]")) {
    nearScreen?.unobserve(plot);
    if (Plotly && plot.dataset.drawn) Plotly.purge(plot);
  }
  root.innerHTML = html;
  drawAll();
  if (push) history.pushState({}, "", url);
  root.removeAttribute("aria-busy");
  const rangeText = root.querySelector("[data-range-text]");
  status.textContent = rangeText ? `Charts updated: ${rangeText.textContent}` : "Charts updated";
  if (focusKey) root.querySelector(`[data-switch="${focusKey}"]`)?.focus();
}

root.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-switch]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  show(link.href, { focusKey: link.dataset.switch });
});

function submitRegion(form, focusKey) {
  const url = new URL(form.getAttribute("action") || "", window.location.href);
  url.search = new URLSearchParams(new FormData(form)).toString();
  show(url.href, { focusKey });
}

root.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-switch-form]");
  if (!form) return;
  event.preventDefault();
  submitRegion(form, "region");
});

root.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-switch]");
  if (select) submitRegion(select.form, select.dataset.switch);
});

window.addEventListener("popstate", () => show(window.location.href, { push: false }));
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", drawAll);

drawAll();
