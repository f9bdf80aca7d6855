import { useEffect, useState } from 'react'
import {
  atom,
  createPresenceStateDerivation,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  InstancePresenceRecordType,
  react,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BOARD_SOCKET_PATH, PRESENCE_MAX_HZ } from '../../../shared/board.ts'
import { boardTicketSource, connectWithTickets } from './board-tickets.ts'
import { exposeBoardDoc, useBoardResync, watchRefusals } from './board-resync.ts'
import { bindRemotePresence, bindStoreToDoc, type PresenceUser } from './yjs-tldraw-binding.ts'

type BoardConnectionState = { status: 'connecting' } | { status: 'ready'; store: TLStore; connection: 'online' | 'offline' }

export type BoardState = BoardConnectionState & {
  /** Why the board just started over from the server's state (a change of ours was refused). */
  notice?: string
  dismissNotice: () => void
}

interface BoardOptions {
  roomId: string
  token: string
  readOnly: boolean
  user: PresenceUser & { id: string }
}

function boardSocketBase(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${window.location.host}${BOARD_SOCKET_PATH}`
}

/** Connects the room's board: Y.Doc over y-websocket, bound to a tldraw store once the first sync lands. */
export function useBoardStore({ roomId, token, readOnly, user }: BoardOptions): BoardState {
  const [state, setState] = useState<BoardConnectionState>({ status: 'connecting' })
  const { id: userId, name, color, role } = user
  // A refused change starts the board over: a new Y.Doc, provider and store, loaded from the server.
  const { generation, notice, refused, dismissNotice } = useBoardResync()

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is read by no line; bumping it is how a refused change starts the board over.
  useEffect(() => {
    setState({ status: 'connecting' })
    const doc = new Y.Doc()
    // disableBc: a BroadcastChannel would pass edits between tabs without the server, past its role checks.
    // connect: false: every (re)connect first takes a fresh single-use ticket (the invite token never goes in the URL).
    const provider = new WebsocketProvider(boardSocketBase(), roomId, doc, { connect: false, disableBc: true, maxBackoffTime: 5000 })
    const stopTickets = connectWithTickets(provider, boardTicketSource(roomId, token, { clientKey: userId, name }))
    const $status = atom<'online' | 'offline'>('status', 'offline')
    const store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      collaboration: { status: $status, mode: atom('mode', readOnly ? 'readonly' : 'readwrite') },
    })
    const cleanups: (() => void)[] = [watchRefusals(provider, refused), exposeBoardDoc(doc)]
    let bound = false

    provider.on('status', ({ status }) => {
      $status.set(status === 'connected' ? 'online' : 'offline')
      if (bound) setState({ status: 'ready', store, connection: $status.get() })
    })
    provider.on('sync', (synced: boolean) => {
      if (!synced || bound) return
      bound = true
      cleanups.push(bindStoreToDoc(store, doc))
      cleanups.push(bindRemotePresence(store, provider.awareness))
      cleanups.push(publishPresence(store, provider, { id: userId, name, color, role }))
      setState({ status: 'ready', store, connection: 'online' })
    })

    return () => {
      for (const cleanup of cleanups.reverse()) cleanup()
      stopTickets()
      provider.destroy()
      doc.destroy()
    }
  }, [roomId, token, readOnly, userId, name, color, role, generation, refused])

  return { ...state, notice, dismissNotice }
}

/** Sends our cursor, selection and camera through awareness, at most PRESENCE_MAX_HZ times a second. */
function publishPresence(store: TLStore, provider: WebsocketProvider, user: PresenceUser & { id: string }): () => void {
  const $user = atom<TLUser>('user', {
    id: `user:${user.id}` as TLUser['id'],
    typeName: 'user',
    name: user.name,
    color: user.color,
    imageUrl: '',
    meta: { role: user.role },
  })
  const $presence = createPresenceStateDerivation($user, {
    instanceId: InstancePresenceRecordType.createId(String(provider.awareness.clientID)),
  })(store)
  const minGapMs = 1000 / PRESENCE_MAX_HZ
  let lastSentAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const send = () => {
    timer = undefined
    lastSentAt = performance.now()
    provider.awareness.setLocalStateField('presence', $presence.get())
  }
  const stop = react('publish presence', () => {
    $presence.get()
    if (timer) return
    const wait = lastSentAt + minGapMs - performance.now()
    if (wait <= 0) send()
    else timer = setTimeout(send, wait)
  })
  return () => {
    stop()
    if (timer) clearTimeout(timer)
    provider.awareness.setLocalState(null)
  }
}
