package io.membergraph;

import java.util.OptionalInt;

import io.membergraph.ingest.ImportUpload;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MemberGraphApplication {

	public static void main(String[] args) {
		OptionalInt uploaded = ImportUpload.runIfAsked(args, System.getenv(), System.out);
		if (uploaded.isPresent()) {
			System.exit(uploaded.getAsInt());
		}
		ConfigurableApplicationContext context = SpringApplication.run(MemberGraphApplication.class, args);
		// A command-line run (an import) ends the process with its exit code; the service keeps running.
		if (!context.getBeansOfType(ExitCodeGenerator.class).isEmpty()) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
