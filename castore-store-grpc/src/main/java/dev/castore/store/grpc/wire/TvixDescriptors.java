package dev.castore.store.grpc.wire;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.castore.store.grpc.proto.CastoreProto;
import dev.castore.store.grpc.proto.RpcBlobstoreProto;
import dev.castore.store.grpc.proto.RpcDirectoryProto;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The protobuf descriptors of {@code tvix.castore.v1}, derived at run time from the generated
 * {@code snix.castore.v1} ones: package and file paths renamed, and the four data-model messages
 * under their tvix names ({@code DirectoryNode}, {@code FileNode}, {@code SymlinkNode},
 * {@code Node} with {@code oneof node}). Field numbers and types are untouched, so the described
 * wire format is the one both packages share. Server reflection describes the tvix services with
 * them.
 */
public final class TvixDescriptors {

    private static final String SNIX = WirePackage.SNIX.protoPackage();
    private static final String TVIX = WirePackage.TVIX.protoPackage();
    private static final Map<String, String> MESSAGES = Map.of(
            "DirectoryEntry", "DirectoryNode",
            "FileEntry", "FileNode",
            "SymlinkEntry", "SymlinkNode",
            "Entry", "Node");
    private static final Map<String, String> ONEOFS = Map.of("entry", "node");

    private static final FileDescriptor CASTORE;
    private static final FileDescriptor BLOBSTORE;
    private static final FileDescriptor DIRECTORY;

    static {
        try {
            CASTORE = renamed(CastoreProto.getDescriptor());
            BLOBSTORE = renamed(RpcBlobstoreProto.getDescriptor());
            DIRECTORY = renamed(RpcDirectoryProto.getDescriptor(), CASTORE);
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TvixDescriptors() {}

    /** The schema of {@code tvix.castore.v1.BlobService}, for a gRPC service descriptor. */
    public static ProtoServiceDescriptorSupplier blobService() {
        return new ServiceSchema(BLOBSTORE.findServiceByName("BlobService"));
    }

    /** The schema of {@code tvix.castore.v1.DirectoryService}. */
    public static ProtoServiceDescriptorSupplier directoryService() {
        return new ServiceSchema(DIRECTORY.findServiceByName("DirectoryService"));
    }

    /** The schema of method {@code bareName} of {@code service}, for a gRPC method descriptor. */
    public static ProtoMethodDescriptorSupplier method(ProtoServiceDescriptorSupplier service, String bareName) {
        return new MethodSchema(service.getServiceDescriptor().findMethodByName(bareName));
    }

    private static FileDescriptor renamed(FileDescriptor snix, FileDescriptor... dependencies)
            throws DescriptorValidationException {
        FileDescriptorProto.Builder file = snix.toProto().toBuilder()
                .setName(path(snix.getName()))
                .setPackage(TVIX);
        for (int i = 0; i < file.getDependencyCount(); i++) {
            file.setDependency(i, path(file.getDependency(i)));
        }
        file.getMessageTypeBuilderList().forEach(TvixDescriptors::rename);
        for (ServiceDescriptorProto.Builder service : file.getServiceBuilderList()) {
            for (MethodDescriptorProto.Builder method : service.getMethodBuilderList()) {
                method.setInputType(typeName(method.getInputType())).setOutputType(typeName(method.getOutputType()));
            }
        }
        return FileDescriptor.buildFrom(file.build(), dependencies);
    }

    private static void rename(DescriptorProto.Builder message) {
        message.setName(MESSAGES.getOrDefault(message.getName(), message.getName()));
        for (OneofDescriptorProto.Builder oneof : message.getOneofDeclBuilderList()) {
            oneof.setName(ONEOFS.getOrDefault(oneof.getName(), oneof.getName()));
        }
        for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
            if (field.hasTypeName()) {
                field.setTypeName(typeName(field.getTypeName()));
            }
        }
        message.getNestedTypeBuilderList().forEach(TvixDescriptors::rename);
    }

    /** {@code snix/castore/protos/x.proto} as {@code tvix/castore/protos/x.proto}. */
    private static String path(String snixPath) {
        return snixPath.startsWith("snix/") ? "tvix/" + snixPath.substring("snix/".length()) : snixPath;
    }

    /** A fully qualified {@code .snix.castore.v1.A.B} with the package and each name renamed. */
    private static String typeName(String snixName) {
        String prefix = "." + SNIX + ".";
        if (!snixName.startsWith(prefix)) {
            return snixName;
        }
        return "." + TVIX + "." + Arrays.stream(snixName.substring(prefix.length()).split("\\."))
                .map(n -> MESSAGES.getOrDefault(n, n))
                .collect(Collectors.joining("."));
    }

    private record ServiceSchema(ServiceDescriptor service) implements ProtoServiceDescriptorSupplier {
        @Override
        public FileDescriptor getFileDescriptor() {
            return service.getFile();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return service;
        }
    }

    private record MethodSchema(MethodDescriptor method) implements ProtoMethodDescriptorSupplier {
        @Override
        public FileDescriptor getFileDescriptor() {
            return method.getFile();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return method.getService();
        }

        @Override
        public MethodDescriptor getMethodDescriptor() {
            return method;
        }
    }
}
