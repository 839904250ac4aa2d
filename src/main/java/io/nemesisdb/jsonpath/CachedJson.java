package io.nemesisdb.jsonpath;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every {@code Json.createValue}/{@code createObjectBuilder}
 * call looks the provider up again through the service loader, which made a filter that computes
 * a length per node several hundred times slower.
 */
final class CachedJson {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private CachedJson() {
    }
}
