/**
 * The castore API. Errors a store reports: {@link dev.castore.api.InvalidRequestException} (the
 * request was wrong), {@link dev.castore.api.StorageException} (the backend failed),
 * {@link dev.castore.api.CorruptDataException} (data failed verification), and
 * {@link dev.castore.api.model.InvalidDirectoryException} (a directory or closure breaks the
 * model's rules).
 */
package dev.castore.api;
