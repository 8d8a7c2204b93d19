package io.membergraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature package is a module whose base package is its public API and whose {@code internal} sub-package holds
 * the rest; modules depend on each other only through those APIs, without cycles.
 */
class ModularityTests {

	private static final Path DOCUMENTED = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(MemberGraphApplication.class);

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
		modules.verify();
	}

	/**
	 * A module's base package is its public API (its guarded services, the types they take and give, its events);
	 * everything else sits in its {@code internal} sub-package, which Spring Modulith keeps out of other modules'
	 * reach. A type hidden in a base package would be neither: out of reach by Java's package access, yet outside
	 * the layout that the module documentation and the verification above follow.
	 */
	@Test
	void aModulesBasePackageHoldsOnlyItsPublicApi() {
		String[] basePackages = modules.stream()
			.filter(module -> !module.isOpen())
			.map(module -> module.getBasePackage().getName())
			.toArray(String[]::new);
		JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(MemberGraphApplication.class.getPackageName());
		ArchRuleDefinition.classes()
			.that().resideInAnyPackage(basePackages)
			.and().areTopLevelClasses()
			.and().doNotHaveSimpleName("package-info")
			.should().bePublic()
			.because("what a module keeps to itself belongs in its internal sub-package")
			.check(production);
	}

	/**
	 * The module documentation in {@code docs/modules} (a component diagram of all modules, one per module, and a
	 * canvas of each module's public types, events and beans) is what the code gives. When it is not, this writes
	 * the new one there and fails, so the change is committed with the code. Relations come out in no fixed order,
	 * so files are compared line by line regardless of order.
	 */
	@Test
	void theModuleDocumentationInDocsFollowsTheCode() throws IOException {
		Path generated = Path.of("target/modules");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeDocumentation(Documenter.DiagramOptions.defaults(), Documenter.CanvasOptions.defaults());
		List<String> changed = new ArrayList<>();
		Files.createDirectories(DOCUMENTED);
		try (Stream<Path> files = Files.list(generated)) {
			for (Path file : files.sorted().toList()) {
				Path documented = DOCUMENTED.resolve(file.getFileName());
				if (!Files.exists(documented) || !sortedLines(documented).equals(sortedLines(file))) {
					Files.copy(file, documented, StandardCopyOption.REPLACE_EXISTING);
					changed.add(documented.toString());
				}
			}
		}
		assertThat(changed).as("module documentation rewritten from the code; commit it").isEmpty();
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

}
