/**
 * gRPC client blob and directory services (type {@code grpc}) and a gRPC server that exposes any
 * blob and directory service, wire-compatible with tvix-castore ({@code tvix.castore.v1}) and
 * snix-castore ({@code snix.castore.v1}).
 *
 * @provides dev.castore.api.spi.ServiceBuilderProvider
 * @provides dev.castore.api.spi.ListenerProvider
 */
module dev.castore.store.grpc {
    requires dev.castore.api;
    requires io.grpc;
    requires io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.services;
    requires io.grpc.netty.shaded;
    requires com.google.protobuf;
    requires com.google.common;
    requires org.slf4j;

    exports dev.castore.store.grpc;
    // Generated messages are read reflectively by protobuf (field accessors, reflection service).
    opens dev.castore.store.grpc.proto to com.google.protobuf;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.grpc.GrpcProvider;
    provides dev.castore.api.spi.ListenerProvider with dev.castore.store.grpc.GrpcListenerProvider;
}
