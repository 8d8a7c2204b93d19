package io.membergraph.shared;

import org.mapstruct.MapperConfig;
import org.mapstruct.ReportingPolicy;

/**
 * What every MapStruct mapper of the application shares: a view field that no source fills is a compile error,
 * not a null that reaches a client, so a field added to a document or a view is mapped on purpose.
 */
@MapperConfig(unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface MappingConfig {

}
