/**
 * The gRPC store types and server. Config records: {@link dev.castore.store.grpc.GrpcBlobServiceConfig}
 * and {@link dev.castore.store.grpc.GrpcDirectoryServiceConfig} (type {@code grpc}); the server is
 * offered through {@link dev.castore.store.grpc.GrpcListenerProvider}.
 */
package dev.castore.store.grpc;
