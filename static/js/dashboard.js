// The charts page: each chart arrives drawn by the server (an SVG, tracker/charts/svg.py), so
// the page paints at once without plotly.js. "Explore the values" loads plotly.js (once, only
// then) and redraws that chart with it: values on touch, a PNG download. The switches change
// the charts in place. Without this file the page still works: pictures, summaries, tables.
document.documentElement.classList.add("js");

const root = document.getElementById("dashboard");
const status = document.getElementById("dashboard-status");

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

let plotly = window.Plotly ? Promise.resolve(window.Plotly) : null;

// plotly.js (about 400 KB) and its stylesheet, fetched the first time a chart is explored. The
// stylesheet's id and class tell plotly.js not to add a style element, which the CSP forbids.
function loadPlotly() {
  if (plotly) return plotly;
  plotly = new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.id = "plotly.js-style-global";
    css.className = "no-inline-styles";
    css.href = root.dataset.plotlyCss;
    document.head.append(css);
    const script = document.createElement("script");
    script.src = root.dataset.plotly;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")));
    script.onerror = reject;
    document.head.append(script);
  });
  plotly.catch(() => {
    plotly = null; // a later tap may try again
  });
  return plotly;
}

async function draw(plot, colours) {
  const Plotly = await loadPlotly();
  const figure = figureOf(plot);
  // The page kept room to the nearest 20 px (a class: no style attributes under the CSP).
  plot.style.setProperty("--plot-height", `${plot.dataset.height}px`);
  plot.querySelector(".chart-svg")?.remove();
  plot.dataset.drawn = "true";
  return Plotly.react(plot, figure.data, themed(figure.layout, colours), figure.config);
}

async function explore(button) {
  const plot = document.getElementById(button.dataset.explore);
  if (!plot) return;
  button.disabled = true;
  button.textContent = "Loading…";
  try {
    await draw(plot, theme());
    // Its job is done: focus goes to the chart it drew (the button is .js-only, so
    // `hidden` would not hide it).
    plot.tabIndex = -1;
    button.remove();
    plot.focus({ preventScroll: true });
    status.textContent = "Chart ready: touch it to read the values.";
  } catch {
    button.disabled = false;
    button.textContent = "Explore the values";
    status.textContent = "The interactive chart could not load; the picture and the table stay.";
  }
}

// A colour-scheme change redraws the charts plotly.js drew (the server's follow the CSS).
function redrawExplored() {
  if (!window.Plotly) return;
  const colours = theme();
  for (const plot of root.querySelectorAll(".plot[data-drawn]")) draw(plot, colours);
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
  for (const plot of root.querySelectorAll(".plot[data-drawn]")) window.Plotly?.purge(plot);
  root.innerHTML = html;
  if (push) history.pushState({}, "", url);
  root.removeAttribute("aria-busy");
  const rangeText = root.querySelector("[data-range-text]");
  status.textContent = rangeText ? `Charts updated: ${rangeText.textContent}` : "Charts updated";
  if (focusKey) root.querySelector(`[data-switch="${focusKey}"]`)?.focus();
}

root.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-explore]");
  if (button) {
    explore(button);
    return;
  }
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
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawExplored);
