// A background import's or export's page: follow the job (its status URL in data-job) and
// move the bar; when it is done or failed, reload the page, which then shows the result.
// Without this file the page refreshes itself (a <noscript> meta refresh) and has a Refresh link.
const card = document.querySelector("[data-job]");
const STAGES = {
  queued: "Waiting to start…",
  reading: "Reading the rows…",
  saving: "Saving the sets…",
  writing: "Writing your sessions…",
};

async function follow() {
  let answer;
  try {
    answer = await fetch(card.dataset.job, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  } catch {
    return setTimeout(follow, 3000); // no signal: try again, the job goes on meanwhile
  }
  if (!answer.ok) return setTimeout(follow, 3000);
  const job = await answer.json();
  if (job.state === "done" || job.state === "failed") {
    window.location.reload();
    return;
  }
  card.querySelector("progress").value = job.progress;
  card.querySelector("[data-job-percent]").textContent = Math.round(job.progress * 100);
  card.querySelector("[data-job-stage]").textContent = STAGES[job.stage || job.state] || STAGES.reading;
  setTimeout(follow, 1000);
}

if (card) follow();
