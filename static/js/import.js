// Import pages: while a file uploads and imports, say so (the form works without this file).
for (const form of document.querySelectorAll("form[data-progress]")) {
  form.addEventListener("submit", () => {
    const note = form.querySelector("[data-progress-note]");
    if (!note) return;
    note.querySelector("span").textContent = form.dataset.progress;
    note.hidden = false;
    // Disable after the submit has taken the pressed button's name and value.
    setTimeout(() => {
      for (const button of form.querySelectorAll("button")) button.disabled = true;
    }, 0);
  });
}
