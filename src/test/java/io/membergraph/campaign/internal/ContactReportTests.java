package io.membergraph.campaign.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.List;

import io.membergraph.campaign.ContactKind;
import io.membergraph.campaign.CampaignContacts.ContactInput;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sending channel's report is read row by row, and refused as soon as it is larger than any real one. */
class ContactReportTests {

	@Test
	void aReportIsReadWithTheColumnsItNamesAndOthersBeside() {
		List<ContactInput> contacts = ContactReport.read(new StringReader("""
				memberId,kind,email,at
				M1,sent,a@example.com,2026-11-01T10:00:00Z
				M2,OPENED,b@example.com,
				"""), 10);

		assertThat(contacts).extracting(ContactInput::memberId).containsExactly("M1", "M2");
		assertThat(contacts).extracting(ContactInput::kind).containsExactly(ContactKind.SENT, ContactKind.OPENED);
	}

	@Test
	void moreContactsThanOneReportMayHoldAreRefusedAsTheyAreRead() {
		assertThatThrownBy(() -> ContactReport.read(new StringReader("memberId,kind\nM1,SENT\nM2,SENT\nM3,SENT\n"), 2))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> {
				assertThat(refused.field()).isEqualTo("contacts");
				assertThat(refused.reason()).startsWith("must hold 1 to 2 contacts");
			});
	}

	/** A line of gigabytes is refused at its 65,537th character: the rest of it is never read. */
	@Test
	void aLineLongerThanAnyContactNeedsIsRefusedBeforeItIsHeldWhole() {
		Reader endless = new Reader() {

			private boolean headerSent;

			@Override
			public int read(char[] buffer, int offset, int length) {
				if (!headerSent) {
					headerSent = true;
					String header = "memberId,kind\nM";
					header.getChars(0, header.length(), buffer, offset);
					return header.length();
				}
				java.util.Arrays.fill(buffer, offset, offset + length, '1');
				return length;
			}

			@Override
			public void close() {
			}

		};
		assertThatThrownBy(() -> ContactReport.read(endless, 10))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> {
				assertThat(refused.field()).isEqualTo("line 2");
				assertThat(refused.reason()).isEqualTo("is longer than 65536 characters");
			});
	}

}
