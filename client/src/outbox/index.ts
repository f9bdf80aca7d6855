// The offline outbox shared by notes and chat.
export { newClientId } from './client-id.ts'
export { Outbox, outboxKey, type OutboxEntry, type OutboxStorage, type SendOutcome, type Sender } from './outbox.ts'
export { syncOutbox, socketSender, type OutboxSync, type ProtocolSocket } from './socket-outbox.ts'
export { useConnected } from './use-connected.ts'
export { useOutbox } from './use-outbox.ts'
export { usePushedItems } from './use-pushed-items.ts'
