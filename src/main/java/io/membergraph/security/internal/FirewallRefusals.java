package io.membergraph.security.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (an encoded slash or NUL, {@code ..} or {@code ;} in the path, a
 * control character in a header) is answered 400 with the reason, as every bad request is, instead of an error page
 * without one. What was sent is not echoed: the firewall's own message quotes it.
 */
@Component
public class FirewallRefusals implements RequestRejectedHandler {

	static final String REASON = "the URL or a header holds a character or sequence the service refuses (an encoded "
			+ "slash or NUL, '..' or ';' in the path, a control character in a header): encode the URL's parameters "
			+ "and send headers as plain text";

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"error\":\"invalid_request\",\"reason\":\"" + REASON + "\"}");
	}

}
