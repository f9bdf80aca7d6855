// The chat feature's public door on the client.
export { ChatPanel, type ChatPanelProps } from './chat-panel.tsx'
