package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.List;

import io.membergraph.security.Caller;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An import job acts as the user who started it, plus the right to record orders from the file: a CRM
 * specialist may load a POS export without being able to record single orders through the API.
 */
public final class ImportAuthority {

	/** The authority that {@code OrderRecording} accepts from import jobs. */
	static final String IMPORT_JOB = "IMPORT_JOB";

	private ImportAuthority() {
	}

	public static SecurityContext of(Caller caller) {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(new SimpleGrantedAuthority(IMPORT_JOB));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.name(), null, authorities));
		return context;
	}

	public static <T> T callAs(SecurityContext context, java.util.function.Supplier<T> work) {
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	public static void runAs(SecurityContext context, Runnable work) {
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContextHolder.setContext(context);
		try {
			work.run();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

}
