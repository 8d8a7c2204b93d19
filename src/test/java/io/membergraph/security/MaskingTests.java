package io.membergraph.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

	@Test
	void phonesKeepTheirPrefixAndLastFourDigits() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.phone("123")).isEqualTo("****");
	}

	@Test
	void eMailsKeepTheFirstLetterAndTheDomain() {
		assertThat(Masking.email("jane.doe@example.com")).isEqualTo("j***@example.com");
	}

	@Test
	void namesKeepTheFamilyNameEvenBeyondTheBasicPlane() {
		assertThat(Masking.name("张三丰")).isEqualTo("张**");
		assertThat(Masking.name("𠮷野家")).isEqualTo("𠮷**");
		assertThat(Masking.name("Li")).isEqualTo("L*");
	}

	@Test
	void externalIdsKeepTwoCharactersAtEachEnd() {
		assertThat(Masking.externalId("oDemo10000001")).isEqualTo("oD****01");
		assertThat(Masking.externalId(null)).isNull();
	}

}
