/**
 * A directory service on Google Cloud Bigtable (type tag {@code bigtable}), storing each
 * directory in the row and cell layout tvix-castore and snix-castore use, so that one table can be
 * shared with their nodes.
 *
 * <p>The Bigtable client comes as {@code dev.castore.bigtable.client}, the client's jars merged
 * where they split packages; the rest of its closure (gRPC, protobuf, api-common) is read as it is.
 */
module dev.castore.store.bigtable {
    requires dev.castore.api;
    requires dev.castore.bigtable.client;
    requires com.google.api.apicommon;
    requires com.google.protobuf;
    requires io.grpc;
    requires io.grpc.netty.shaded;
    requires org.slf4j;

    exports dev.castore.store.bigtable;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.bigtable.BigtableProvider;
}
