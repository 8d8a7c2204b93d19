package io.membergraph.shared;

/**
 * A read model that loads itself on first use. Every one is warmed at start-up, after the start-up data is in
 * and before the application reports itself ready ({@link WarmBeforeReady}), so no user pays for the loading.
 */
public interface WarmUp {

	/** Loads what the first read would load; idempotent, and cheap when already loaded. */
	void warm();

}
