// The chat feature's public door.
export { createChatFeature, type ChatFeature, type ChatFeatureDeps } from './chat-feature.ts'
export { listChat } from './chat-store.ts'
