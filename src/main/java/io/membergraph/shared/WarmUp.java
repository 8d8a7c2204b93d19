package io.membergraph.shared;

import org.springframework.core.Ordered;

/**
 * A read model that loads itself on first use. Every one is warmed at start-up, after the start-up data is in
 * and before the application reports itself ready ({@link WarmBeforeReady}), so no user pays for the loading.
 * <p>
 * Read models warm first; a warm-up that runs requests over them (to have their code compiled) declares
 * {@code @Order(WarmUp.OVER_READ_MODELS)} so that it never loads them itself, inside a request's time limit.
 */
public interface WarmUp {

	/** The order of a warm-up that uses the read models: after every other one. */
	int OVER_READ_MODELS = Ordered.LOWEST_PRECEDENCE;

	/**
	 * The order of a warm-up that must come before the requests over the read models, after the read models: one
	 * that loads what the first requests through the port load.
	 */
	int BEFORE_REQUESTS_OVER_READ_MODELS = OVER_READ_MODELS - 1;

	/** The order of every other warm-up, which has none declared: before those that use them. */
	int READ_MODELS = 0;

	/** Loads what the first read would load; idempotent, and cheap when already loaded. */
	void warm();

}
