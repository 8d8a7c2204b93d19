package io.membergraph.shared;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad input to a REST endpoint (uploads, downloads) answers 400 with the field and the reason, as GraphQL does. */
@RestControllerAdvice
class RestErrors {

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Map<String, String>> invalid(InvalidInputException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "field", ex.field(), "reason", ex.reason()));
	}

}
