// Sign-up: the phone knows its time zone; the server checks the name and falls back to UTC.
const field = document.querySelector('input[name="time_zone"]');
try {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (field && !field.value && zone) field.value = zone;
} catch {
  // An old browser without Intl time zones: the athlete picks one in Settings.
}
