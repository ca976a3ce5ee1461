"""The VAPID settings are checked at start-up: a half-set or mismatched pair is an error."""

from notifications.checks import vapid_keys
from notifications.push import new_keys


def ids(settings) -> list[str]:
    return [message.id for message in vapid_keys()]


def test_no_keys_is_fine_push_is_simply_off(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY = settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert ids(settings) == []


def test_a_pair_from_vapid_keys_passes(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = new_keys()
    assert ids(settings) == []


def test_one_key_without_the_other_is_an_error(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = new_keys()[0], ""
    assert ids(settings) == ["notifications.E001"]


def test_halves_of_two_different_pairs_are_an_error(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY = new_keys()[0]
    settings.WEBPUSH_VAPID_PRIVATE_KEY = new_keys()[1]
    assert ids(settings) == ["notifications.E003"]


def test_an_unreadable_private_key_is_an_error(settings):
    settings.WEBPUSH_VAPID_PUBLIC_KEY, settings.WEBPUSH_VAPID_PRIVATE_KEY = "abc", "def"
    assert ids(settings) == ["notifications.E002"]
