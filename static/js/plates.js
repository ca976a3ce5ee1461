// Plate math on the phone, as tracker/plates.py does it on the server: plates per side for a
// barbell load with the athlete's bar and plates (the load input's data-bar / data-plates).
// Works in hundredths so 2.5 + 1.25 never becomes 3.7499999.

const cents = (text) => Math.round(Number(String(text).replace(",", ".")) * 100);
const show = (c) => String(c / 100);

function fill(side, plates) {
  const loaded = [];
  for (const plate of plates) {
    while (side >= plate && loaded.length < 20) {
      loaded.push(plate);
      side -= plate;
    }
  }
  return { loaded, left: side };
}

export function describe(loadText, input) {
  const load = cents(loadText);
  const bar = cents(input.dataset.bar);
  const unit = input.dataset.unit;
  const plates = input.dataset.plates.split(" ").map(cents).sort((a, b) => b - a);
  if (!Number.isFinite(load) || String(loadText).trim() === "" || load < 0) return "";
  const step = 2 * plates[plates.length - 1];
  if (load < bar) return `Lighter than your bar (${show(bar)} ${unit})`;
  const { loaded, left } = fill((load - bar) / 2, plates);
  if (left === 0 && loaded.length === 0) return `Just the bar (${show(bar)} ${unit})`;
  if (left === 0) return `Per side: ${loaded.map(show).join(" + ")} (bar ${show(bar)} ${unit})`;
  const below = load - 2 * left;
  const options = [below];
  for (let k = 1; k < 9; k += 1) {
    const candidate = below + k * step;
    if (fill((candidate - bar) / 2, plates).left === 0) {
      options.push(candidate);
      break;
    }
  }
  return `Your plates cannot make ${show(load)} ${unit}: ${options.map(show).join(" or ")} ${unit}`;
}

/** The next load the plates make, one step up or down from `text` (253.5 + 5 -> 255). */
export function stepLoad(text, input, delta) {
  const bar = cents(input.dataset.bar);
  const step = cents(input.dataset.step);
  const now = cents(text) || 0;
  const steps = (now - bar) / step;
  const next = delta > 0 ? Math.floor(steps + 1e-9) + 1 : Math.ceil(steps - 1e-9) - 1;
  return show(Math.max(0, bar + next * step));
}
