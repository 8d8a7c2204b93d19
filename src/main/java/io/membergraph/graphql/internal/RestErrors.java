package io.membergraph.graphql.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.membergraph.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Bad input to a REST endpoint (uploads, downloads) answers 400 with the field and the reason, as GraphQL does,
 * and with every problem found when there were several.
 */
@RestControllerAdvice
public class RestErrors {

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Map<String, Object>> invalid(InvalidInputException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "invalid_request");
		body.put("field", ex.field());
		body.put("reason", ex.reason());
		body.put("problems", ex.problems());
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
	}

	private final DataSize maxFormFields;

	RestErrors(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormFields) {
		this.maxFormFields = maxFormFields;
	}

	/**
	 * A JSON body that is not JSON, or not an object of the fields the endpoint reads: said in the sign-in endpoints'
	 * OAuth shape, without echoing what was sent, and for {@code /graphql} as what a GraphQL request is.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadableBody(HttpMessageNotReadableException ex, HttpServletRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "invalid_request");
		body.put("error_description", request.getRequestURI().endsWith("/graphql")
				? "the body is not a GraphQL request: a JSON object with query (a string) and, where needed, "
						+ "operationName (a string) and variables (an object), nested no deeper than the JSON parser allows"
				: "the body is not a JSON object of the fields this endpoint takes (each a string)");
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
	}

	/**
	 * A multipart form that cannot be parsed (cut off, no boundary): the client's fault, said so, not a server error.
	 * One too large is {@link #tooLarge}.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Map<String, Object>> unreadableForm(MultipartException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String said = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return invalid(new InvalidInputException("file", "the multipart form cannot be read ("
				+ (said.length() > 200 ? said.substring(0, 200) + "..." : said) + "): send the file as curl -F file=@orders.csv "
				+ "does, or as the request's body with its Content-Type"));
	}

	/**
	 * A multipart upload beyond {@code spring.servlet.multipart.max-file-size}, or whose fields besides the file
	 * (the mapping...) exceed the server's form limit, which the exception does not name: refused before it is
	 * stored.
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "too_large");
		body.put("reason", ex.getMaxUploadSize() >= 0
				? "the upload is larger than the service accepts (" + ex.getMaxUploadSize()
						+ " bytes); import it from the command line or split it"
				: "the form's fields besides the file (mapping, parameters) hold more than " + maxFormFields.toBytes()
						+ " bytes (server.tomcat.max-http-form-post-size); a mapping is far smaller: check what was sent");
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(body);
	}

}
