"""The API process's cache of actors: one lookup for requests that miss together, failures not kept, and
an actor trusted only for its time."""

import asyncio
import threading
import time

import pytest

from fastcommerce.auth.cache import ActorCache
from fastcommerce.auth.permissions import Permission
from fastcommerce.auth.service import Actor
from fastcommerce.errors import Unauthenticated

KEY = ("api-key", "digest")
STOREFRONT = Actor("api-key:storefront", frozenset({Permission.ORDERS_WRITE}))


class Lookups:
    """A lookup that takes `seconds` in its worker thread and counts its calls; it fails while `failing`."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.calls = 0
        self.failing = False
        self._lock = threading.Lock()

    def __call__(self) -> Actor:
        with self._lock:
            self.calls += 1
        time.sleep(self.seconds)
        if self.failing:
            raise Unauthenticated("unknown or revoked API key")
        return STOREFRONT


def test_requests_that_miss_together_share_one_lookup() -> None:
    cache, look_up = ActorCache(ttl=60), Lookups(seconds=0.2)

    async def sixteen_requests() -> list[Actor]:
        return await asyncio.gather(*(cache.actor(KEY, look_up) for _ in range(16)))

    assert asyncio.run(sixteen_requests()) == [STOREFRONT] * 16
    assert look_up.calls == 1
    assert asyncio.run(cache.actor(KEY, look_up)) == STOREFRONT and look_up.calls == 1


def test_a_failed_lookup_fails_every_waiter_and_is_not_kept() -> None:
    cache, look_up = ActorCache(ttl=60), Lookups(seconds=0.1)
    look_up.failing = True

    async def three_requests() -> list[Actor | BaseException]:
        return await asyncio.gather(*(cache.actor(KEY, look_up) for _ in range(3)), return_exceptions=True)

    assert [type(outcome) for outcome in asyncio.run(three_requests())] == [Unauthenticated] * 3
    assert look_up.calls == 1
    look_up.failing = False
    assert asyncio.run(cache.actor(KEY, look_up)) == STOREFRONT and look_up.calls == 2


def test_an_actor_is_trusted_for_its_time_only() -> None:
    cache, look_up = ActorCache(ttl=0.3), Lookups()
    asyncio.run(cache.actor(KEY, look_up))
    asyncio.run(cache.actor(KEY, look_up))
    assert look_up.calls == 1
    time.sleep(0.4)
    look_up.failing = True  # revoked meanwhile
    with pytest.raises(Unauthenticated):
        asyncio.run(cache.actor(KEY, look_up))


def test_a_request_that_goes_away_does_not_cancel_the_others_lookup() -> None:
    cache, look_up = ActorCache(ttl=60), Lookups(seconds=0.2)

    async def one_leaves() -> Actor:
        leaving = asyncio.ensure_future(cache.actor(KEY, look_up))
        staying = asyncio.ensure_future(cache.actor(KEY, look_up))
        await asyncio.sleep(0.05)
        leaving.cancel()
        return await staying

    assert asyncio.run(one_leaves()) == STOREFRONT and look_up.calls == 1
