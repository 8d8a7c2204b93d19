package io.membergraph.ingest.internal;

import java.nio.file.Path;
import java.util.concurrent.Executor;

import io.membergraph.ingest.ImportJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

	/**
	 * Imports run a few at a time (more would only compete for the store); the places of the queue are handed out
	 * by {@link ImportJobs}, so the executor never refuses one.
	 */
	@Bean
	Executor importExecutor(ImportSettings settings) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(settings.concurrent());
		executor.setMaxPoolSize(settings.concurrent());
		executor.setQueueCapacity(settings.queue());
		executor.setThreadNamePrefix("import-");
		executor.initialize();
		return executor;
	}

	@Bean
	ImportSpool importSpool(ImportSettings settings,
			@Value("${membergraph.import.spool-dir:${java.io.tmpdir}/membergraph-imports}") Path directory) {
		return new ImportSpool(directory, settings.maxUpload().toBytes());
	}

}
