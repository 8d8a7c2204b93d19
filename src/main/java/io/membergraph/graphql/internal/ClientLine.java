package io.membergraph.graphql.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The connection of the client waiting for a request's answer, asked whether the client is still there. Nothing
 * tells a servlet that its client has gone until it writes: so the question is a write of one space ahead of the
 * answer (JSON allows whitespace before a value) and a flush. A client that has closed the connection answers the
 * first such write with a reset, and the next write fails.
 * <p>
 * The first write commits the response, so the content type is set before it, chosen from the request's
 * {@code Accept} header as Spring for GraphQL's handler chooses it ({@code GraphQlHttpHandler}): the first of
 * {@code application/graphql-response+json}, {@code application/json} and {@code application/graphql+json} named
 * there, else {@code application/json}. Status and headers cannot change afterwards; the handler answers 200 to
 * every request whose fields started (400 only to one refused before any field ran), and the security headers are
 * written on commit, so nothing is lost.
 */
public interface ClientLine {

	/** The types the GraphQL handler answers in, in its order of preference (the last one is a legacy name). */
	List<MediaType> ANSWERED = List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON,
			new MediaType("application", "graphql+json"));

	/** For a request that did not come over HTTP (a warm-up, a subscription): always there. */
	ClientLine NONE = () -> true;

	/** False once the client has gone; may write whitespace ahead of the answer to find out. */
	boolean stillThere();

	/** The line to the client of the request this thread serves, or {@link #NONE}. */
	static ClientLine ofCurrentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& attributes.getResponse() != null) {
			String contentType = answerType(attributes.getRequest());
			return contentType == null ? NONE : new ServletLine(attributes.getResponse(), contentType);
		}
		return NONE;
	}

	/**
	 * The answer's content type as the GraphQL handler will choose it; null for an {@code Accept} it refuses, and
	 * for a stream of server-sent events, which another handler writes and nothing may precede.
	 */
	static String answerType(HttpServletRequest request) {
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		}
		catch (InvalidMediaTypeException refused) {
			return null;
		}
		if (accepted.stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype)) {
			return null;
		}
		return accepted.stream().filter(ANSWERED::contains).findFirst().orElse(MediaType.APPLICATION_JSON).toString();
	}

	final class ServletLine implements ClientLine {

		private final HttpServletResponse response;

		private final String contentType;

		/** Set when the response cannot be written to here (its writer is in use): the question is not asked again. */
		private boolean unaskable;

		ServletLine(HttpServletResponse response, String contentType) {
			this.response = response;
			this.contentType = contentType;
		}

		@Override
		public synchronized boolean stillThere() {
			if (unaskable) {
				return true;
			}
			try {
				if (!response.isCommitted()) {
					response.setContentType(contentType);
				}
				response.getOutputStream().write(' ');
				response.flushBuffer();
				return true;
			}
			catch (IOException gone) {
				return false;
			}
			catch (IllegalStateException writerInUse) {
				unaskable = true;
				return true;
			}
		}

	}

}
