package io.membergraph.member;

import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactNormalisationTests {

	@ParameterizedTest
	@ValueSource(strings = { "13812345678", "+8613812345678", "+86 138 1234 5678", "0086-138-1234-5678",
			" 138-1234-5678 ", "(+86) 13812345678", "8613812345678", "86-138-1234-5678" })
	void everyCommonWayOfWritingAChineseMobileIsTheSameNumber(String written) {
		assertThat(PhoneNumber.normalise("phone", written)).isEqualTo("13812345678");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12345", "1381234567", "23812345678", "+86 238 1234 5678", "phone", "8623812345678",
			"861381234567" })
	void whatIsNoMobileNumberIsRefusedNamingTheField(String written) {
		assertThatThrownBy(() -> PhoneNumber.normalise("phone", written)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("phone:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+447911123456", "+1 415 555 2671" })
	void foreignNumbersKeepTheirCountryCode(String written) {
		assertThat(PhoneNumber.normalise("phone", written)).startsWith("+").doesNotContain(" ");
	}

	/** A British shop's export writes numbers as the British dial them; told the country, they are one identity. */
	@ParameterizedTest
	@ValueSource(strings = { "07700 900123", "0044 7700 900123", "447700900123", "+44 (0)7700 900123", "7700900123" })
	void numbersWithoutTheirCountryCodeAreReadAsTheCountryGiven(String written) {
		String expected = written.contains("(0)") ? "+4407700900123" : "+447700900123";
		assertThat(PhoneNumber.normalise("phone", written, "44")).isEqualTo(expected);
	}

	@Test
	void aCountryCodeChangesNeitherChineseMobilesInAChineseFileNorNumbersWithTheirOwn() {
		assertThat(PhoneNumber.normalise("phone", "138 1234 5678", "86")).isEqualTo("13812345678");
		assertThat(PhoneNumber.normalise("phone", "+86 138 1234 5678", "44")).isEqualTo("13812345678");
		assertThat(PhoneNumber.normalise("phone", "+1 415 555 2671", "44")).isEqualTo("+14155552671");
		assertThat(PhoneNumber.normalise("phone", "(415) 555-2671", "1")).isEqualTo("+14155552671");
		assertThat(PhoneNumber.normalise("phone", "1-415-555-2671", "1")).isEqualTo("+14155552671");
		assertThatThrownBy(() -> PhoneNumber.normalise("phone", "07700 900123", null)).hasMessageStartingWith("phone:");
		assertThatThrownBy(() -> PhoneNumber.normalise("phone", "call me", "44")).hasMessageStartingWith("phone:");
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
