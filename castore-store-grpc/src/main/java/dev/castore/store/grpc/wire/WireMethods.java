package dev.castore.store.grpc.wire;

import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.proto.BlobServiceGrpc;
import dev.castore.store.grpc.proto.Directory;
import dev.castore.store.grpc.proto.DirectoryServiceGrpc;
import dev.castore.store.grpc.proto.GetDirectoryRequest;
import dev.castore.store.grpc.proto.PutBlobResponse;
import dev.castore.store.grpc.proto.PutDirectoryResponse;
import dev.castore.store.grpc.proto.ReadBlobRequest;
import dev.castore.store.grpc.proto.StatBlobRequest;
import dev.castore.store.grpc.proto.StatBlobResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The five castore methods under the service names of one {@link WirePackage}: the generated
 * descriptors (written for {@code snix.castore.v1}) with their full names rewritten, same
 * marshallers but for {@link BlobChunk}, which a {@link BlobChunkMarshaller} reads with one copy
 * fewer (and, for the tvix names, the schema of {@link TvixDescriptors}). Also renames a whole
 * server-side service definition the same way, and gives a server's Put of blobs views of what it
 * received ({@link #withReceivedChunks}).
 */
public record WireMethods(
        WirePackage wirePackage,
        MethodDescriptor<StatBlobRequest, StatBlobResponse> stat,
        MethodDescriptor<ReadBlobRequest, BlobChunk> read,
        MethodDescriptor<BlobChunk, PutBlobResponse> putBlob,
        MethodDescriptor<GetDirectoryRequest, Directory> getDirectory,
        MethodDescriptor<Directory, PutDirectoryResponse> putDirectory) {

    /** The snix methods, made when first asked for. */
    private static final class Snix {
        static final WireMethods METHODS = of(WirePackage.SNIX);
    }

    /**
     * The tvix methods, made when first asked for: their schema is a renamed copy of the file
     * descriptor (about 0.03 s to build), which a client speaking snix never needs.
     */
    private static final class Tvix {
        static final WireMethods METHODS = of(WirePackage.TVIX);
    }

    /** The methods of {@code wirePackage}. */
    public static WireMethods forPackage(WirePackage wirePackage) {
        return wirePackage == WirePackage.SNIX ? Snix.METHODS : Tvix.METHODS;
    }

    private static WireMethods of(WirePackage p) {
        return new WireMethods(p,
                renamed(BlobServiceGrpc.getStatMethod(), p.blobServiceName()),
                renamed(BlobServiceGrpc.getReadMethod(), p.blobServiceName()).toBuilder()
                        .setResponseMarshaller(new BlobChunkMarshaller()).build(),
                renamed(BlobServiceGrpc.getPutMethod(), p.blobServiceName()).toBuilder()
                        .setRequestMarshaller(new BlobChunkMarshaller()).build(),
                renamed(DirectoryServiceGrpc.getGetMethod(), p.directoryServiceName()),
                renamed(DirectoryServiceGrpc.getPutMethod(), p.directoryServiceName()));
    }

    private static <Q, R> MethodDescriptor<Q, R> renamed(MethodDescriptor<Q, R> method, String serviceName) {
        if (method.getServiceName() != null && method.getServiceName().equals(serviceName)) {
            return method;
        }
        // The generated schema describes the snix file; under another name the method gets the
        // matching tvix schema, or none, so that reflection never describes it wrongly.
        return method.toBuilder()
                .setFullMethodName(MethodDescriptor.generateFullMethodName(serviceName, method.getBareMethodName()))
                .setSchemaDescriptor(schema(serviceName)
                        .map(s -> TvixDescriptors.method(s, method.getBareMethodName()))
                        .orElse(null))
                .build();
    }

    /**
     * {@code definition} served under {@code serviceName}: same handlers, renamed methods, and
     * for the tvix names the tvix schema, which server reflection lists and describes.
     */
    public static ServerServiceDefinition renamed(ServerServiceDefinition definition, String serviceName) {
        return rebuilt(definition, serviceName, schema(serviceName).orElse(null), m -> renamed(m, serviceName));
    }

    /**
     * {@code definition} with its Put of blobs served by {@code put}, which takes each message as
     * a {@link ReceivedChunk} read by a {@link ReceivedChunkMarshaller} (views of the transport's
     * buffers instead of copies); the other methods unchanged.
     */
    public static ServerServiceDefinition withReceivedChunks(ServerServiceDefinition definition,
            ServerCallHandler<ReceivedChunk, PutBlobResponse> put) {
        MethodDescriptor<BlobChunk, PutBlobResponse> generated = BlobServiceGrpc.getPutMethod();
        ServiceDescriptor original = definition.getServiceDescriptor();
        return rebuilt(definition, original.getName(), original.getSchemaDescriptor(),
                m -> !m.getMethodDescriptor().getFullMethodName().equals(generated.getFullMethodName()) ? m
                        : ServerMethodDefinition.create(generated.toBuilder(new ReceivedChunkMarshaller(),
                                generated.getResponseMarshaller()).build(), put));
    }

    private static ServerServiceDefinition rebuilt(ServerServiceDefinition definition, String serviceName, Object schema,
            UnaryOperator<ServerMethodDefinition<?, ?>> method) {
        List<ServerMethodDefinition<?, ?>> methods = definition.getMethods().stream()
                .<ServerMethodDefinition<?, ?>>map(method)
                .toList();
        ServiceDescriptor.Builder service = ServiceDescriptor.newBuilder(serviceName).setSchemaDescriptor(schema);
        methods.forEach(m -> service.addMethod(m.getMethodDescriptor()));
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static Optional<ProtoServiceDescriptorSupplier> schema(String serviceName) {
        if (serviceName.equals(WirePackage.TVIX.blobServiceName())) {
            return Optional.of(TvixDescriptors.blobService());
        }
        if (serviceName.equals(WirePackage.TVIX.directoryServiceName())) {
            return Optional.of(TvixDescriptors.directoryService());
        }
        return Optional.empty();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> renamed(ServerMethodDefinition<Q, R> m, String serviceName) {
        return ServerMethodDefinition.create(renamed(m.getMethodDescriptor(), serviceName), m.getServerCallHandler());
    }
}
