package io.membergraph.ingest.internal;

import java.time.Duration;

import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.SettingOutOfBounds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and pace of imports.
 *
 * @param batchRows rows applied to the store together: one write per member and read model per batch, so larger
 * batches are faster and hold more in memory (about 1 KiB a row)
 * @param orderWindow an order is settled (recorded) once its number has not been seen for this many rows, or at
 * the end of the file; lines of one order further apart than this are refused with the reason
 * @param maxUpload the largest file accepted, as stored (compressed when gzip)
 * @param maxExpanded the most a gzip file may expand to
 * @param maxRatio the most a gzip file may expand relative to its size, once past 8 MiB: a bomb, not an export
 * @param maxRowLength the longest row accepted, in characters: a longer one means the file is not what it says
 * @param queue imports waiting or running at once; more are answered 503 with Retry-After
 * @param concurrent imports running at once
 * @param progressEvery how often a running job reports its progress
 * @param previewRows the rows a preview shows at most
 * @param maxLookupRows the most rows a lookup file may have: it is held in memory while its import runs, about 80
 * bytes a value kept (400 MB for a million rows of Olist's orders file, its key and four columns read)
 */
@ConfigurationProperties("membergraph.import")
public record ImportSettings(@DefaultValue("20000") int batchRows, @DefaultValue("100000") int orderWindow,
		@DefaultValue("20GB") DataSize maxUpload, @DefaultValue("100GB") DataSize maxExpanded,
		@DefaultValue("200") int maxRatio, @DefaultValue("1048576") int maxRowLength, @DefaultValue("4") int queue,
		@DefaultValue("2") int concurrent, @DefaultValue("2s") Duration progressEvery, @DefaultValue("100") int previewRows,
		@DefaultValue("1000000") int maxLookupRows) {

	/** Each limit's bounds: beyond them a limit no longer protects the service's memory or disk. */
	public ImportSettings {
		SettingOutOfBounds.within("membergraph.import.batch-rows", batchRows, 1, 1_000_000);
		SettingOutOfBounds.within("membergraph.import.order-window", orderWindow, 1, 100_000_000);
		sizeWithin("membergraph.import.max-upload", maxUpload);
		sizeWithin("membergraph.import.max-expanded", maxExpanded);
		SettingOutOfBounds.within("membergraph.import.max-ratio", maxRatio, 1, 10_000_000);
		SettingOutOfBounds.within("membergraph.import.max-row-length", maxRowLength, 1, 64 * 1024 * 1024);
		SettingOutOfBounds.within("membergraph.import.queue", queue, 1, 1_000);
		SettingOutOfBounds.within("membergraph.import.concurrent", concurrent, 1, Math.min(queue, 64));
		DurationSetting.within("membergraph.import.progress-every", progressEvery, Duration.ZERO, Duration.ofHours(1));
		SettingOutOfBounds.within("membergraph.import.preview-rows", previewRows, 1, 10_000);
		SettingOutOfBounds.within("membergraph.import.max-lookup-rows", maxLookupRows, 1, 100_000_000);
	}

	private static void sizeWithin(String property, DataSize size) {
		if (size == null || size.toBytes() < 1 || size.compareTo(DataSize.ofTerabytes(10)) > 0) {
			throw new SettingOutOfBounds(property, "between 1B and 10TB", size);
		}
	}

	/** The defaults, for code that reads files without the application's settings. */
	public static final ImportSettings DEFAULTS = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(20),
			DataSize.ofGigabytes(100), 200, 1_048_576, 4, 2, Duration.ofSeconds(2), 100, 1_000_000);

}
