package io.membergraph.store.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Strings seen again come back as the instance first held; the table never grows beyond its slots. */
class SharedStringsTests {

	@Test
	void aStringSeenAgainIsTheInstanceHeld() {
		SharedStrings strings = new SharedStrings(8);
		String first = new String("DELIVERED");

		strings.share(first);

		assertThat(strings.share(new String("DELIVERED"))).isSameAs(first);
		assertThat(strings.share(new String("PAID"))).isEqualTo("PAID");
	}

	@Test
	void aValueThatTakesTheSlotIsHeldInsteadAndNothingIsLost() {
		SharedStrings oneSlot = new SharedStrings(0);
		String status = new String("PAID");
		String phone = new String("13900000001");

		oneSlot.share(status);
		String stored = oneSlot.share(phone);

		assertThat(stored).as("the value itself, held now").isSameAs(phone);
		assertThat(oneSlot.share(new String("13900000001"))).isSameAs(phone);
		String paidAgain = new String("PAID");
		assertThat(oneSlot.share(paidAgain)).as("the slot was taken: the new copy is held, equal as ever")
			.isSameAs(paidAgain);
	}

}
