package io.membergraph.security.internal;

import java.util.List;
import java.util.Set;

import io.membergraph.security.Role;
import io.membergraph.security.UserAccounts;
import io.membergraph.shared.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/** Accounts and API keys as the API shows them: never a password hash, a key or its hash. */
@Mapper(config = MappingConfig.class)
public interface AccountViews {

	AccountViews MAPPER = Mappers.getMapper(AccountViews.class);

	UserAccounts.User user(Account account);

	@Mapping(target = "id", source = "keyId")
	ApiKeyController.ApiKeyView apiKey(ApiKey key);

	/** Roles in a stable order, whatever order the store kept them in. */
	default List<Role> roles(Set<Role> roles) {
		return roles.stream().sorted().toList();
	}

}
