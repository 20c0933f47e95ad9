"""The actors an API process has looked up lately, so that a request with a known credential needs no
database lookup: a storefront sends hundreds of orders a second with one API key."""

import asyncio
from collections.abc import Callable

from anyio import to_thread
from cachetools import TTLCache

from fastcommerce.auth.service import Actor

Credential = tuple[str, str]  # ("api-key", digest of the key) or ("user", username)


class ActorCache:
    """Actors by credential for `ttl` seconds: a revoked key or a disabled user is refused by every process
    within `ttl`. Requests that miss together share one lookup; a failed lookup is not kept."""

    def __init__(self, ttl: float) -> None:
        self._actors: TTLCache[Credential, Actor] = TTLCache(maxsize=10_000, ttl=ttl)
        self._looking_up: dict[Credential, asyncio.Future[Actor]] = {}

    async def actor(self, credential: Credential, look_up: Callable[[], Actor]) -> Actor:
        """The actor of `credential`, from `look_up` (run in a worker thread) when not known."""
        actor = self._actors.get(credential)
        if actor is not None:
            return actor
        lookup = self._looking_up.get(credential)
        if lookup is None:
            lookup = self._looking_up[credential] = asyncio.ensure_future(to_thread.run_sync(look_up))
            lookup.add_done_callback(lambda done: self._keep(credential, done))
        return await asyncio.shield(lookup)  # a request that goes away does not cancel the others' lookup

    def _keep(self, credential: Credential, lookup: "asyncio.Future[Actor]") -> None:
        del self._looking_up[credential]
        if not lookup.cancelled() and lookup.exception() is None:
            self._actors[credential] = lookup.result()
