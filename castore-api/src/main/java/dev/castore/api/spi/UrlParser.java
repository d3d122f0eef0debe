package dev.castore.api.spi;

/**
 * Turns a URL such as {@code objectstore+s3://bucket/prefix?region=eu-west-1} into the config it
 * stands for.
 *
 * @param <T> the service interface
 */
@FunctionalInterface
public interface UrlParser<T> {

    /**
     * The config for {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL and what is accepted
     */
    ServiceBuilder<T> parse(ServiceUrl url);
}
