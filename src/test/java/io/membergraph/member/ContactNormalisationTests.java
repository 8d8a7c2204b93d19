package io.membergraph.member;

import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactNormalisationTests {

	@ParameterizedTest
	@ValueSource(strings = { "13812345678", "+8613812345678", "+86 138 1234 5678", "0086-138-1234-5678",
			" 138-1234-5678 ", "(+86) 13812345678" })
	void everyCommonWayOfWritingAChineseMobileIsTheSameNumber(String written) {
		assertThat(PhoneNumber.normalise("phone", written)).isEqualTo("13812345678");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12345", "1381234567", "23812345678", "+86 238 1234 5678", "phone" })
	void whatIsNoMobileNumberIsRefusedNamingTheField(String written) {
		assertThatThrownBy(() -> PhoneNumber.normalise("phone", written)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("phone:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+447911123456", "+1 415 555 2671" })
	void foreignNumbersKeepTheirCountryCode(String written) {
		assertThat(PhoneNumber.normalise("phone", written)).startsWith("+").doesNotContain(" ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Jane.Doe@Example.com", "  jane.doe@example.COM", "JANE.DOE@EXAMPLE.COM " })
	void eMailsAreComparedTrimmedAndInLowerCase(String written) {
		assertThat(EmailAddress.normalise("email", written)).isEqualTo("jane.doe@example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane", "jane@", "@example.com", "jane doe@example.com", "jane@example" })
	void whatIsNoEmailIsRefused(String written) {
		assertThatThrownBy(() -> EmailAddress.normalise("email", written)).isInstanceOf(InvalidInputException.class);
	}

}
