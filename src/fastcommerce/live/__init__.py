"""The live stream: change notifications sent in the writing transaction, a listener, a hub, SSE."""
