// The invitation's Share button: the phone's own share sheet (Web Share API) where there is
// one, else a copy of the link. Without this file the link field and the QR code remain.
const button = document.getElementById("share-invitation");
const status = document.getElementById("share-status");

if (button && (navigator.share || navigator.clipboard)) {
  button.hidden = false;
  if (!navigator.share) button.textContent = "Copy the link";
  button.addEventListener("click", async () => {
    const { url, title, text } = button.dataset;
    try {
      if (navigator.share) {
        await navigator.share({ title, text, url });
      } else {
        await navigator.clipboard.writeText(url);
        status.textContent = "Link copied.";
      }
    } catch (error) {
      // Closing the share sheet is not an error worth showing.
      if (error?.name !== "AbortError") status.textContent = "Could not share: copy the link above.";
    }
  });
}
