import { useEffect, useState } from 'react'
import { Tldraw, type Editor } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite.js'
import 'tldraw/tldraw.css'
import type { ClientConfig } from '../../../shared/api.ts'
import { MAX_BOARD_ASSET_BYTES, MAX_BOARD_IMAGE_DIMENSION } from '../../../shared/board.ts'
import { apiFetch } from '../api.ts'
import { useBoardStore } from './use-board-store.ts'
import type { PresenceUser } from './yjs-tldraw-binding.ts'

// Fonts, icons and translations come from our own origin: a self-hosted board makes no outside requests.
const assetUrls = getAssetUrlsByImport()

declare global {
  interface Window {
    /** The live editor, for debugging from the console and for end-to-end tests. */
    mockboardEditor?: Editor
  }
}

interface BoardProps {
  roomId: string
  token: string
  readOnly: boolean
  user: PresenceUser & { id: string }
}

export function Board({ roomId, token, readOnly, user }: BoardProps) {
  const board = useBoardStore({ roomId, token, readOnly, user })
  const licenseKey = useLicenseKey()

  if (board.status !== 'ready' || licenseKey === undefined) return <p className="page-status">Connecting to the board…</p>
  return (
    <div className="board" data-connection={board.connection}>
      <Tldraw
        store={board.store}
        assetUrls={assetUrls}
        licenseKey={licenseKey || undefined}
        maxAssetSize={MAX_BOARD_ASSET_BYTES}
        maxImageDimension={MAX_BOARD_IMAGE_DIMENSION}
        onMount={(editor) => {
          editor.updateInstanceState({ isReadonly: readOnly })
          window.mockboardEditor = editor
          return () => {
            if (window.mockboardEditor === editor) window.mockboardEditor = undefined
          }
        }}
      />
      {board.notice && (
        <div className="board-notice" role="alert">
          <p>{board.notice}</p>
          <button type="button" onClick={board.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      {board.connection === 'offline' && (
        <div className="board-offline" role="status">
          Reconnecting… your edits are kept and will be sent when the connection is back.
        </div>
      )}
    </div>
  )
}

/** '' when the server has no key (fine on localhost / http), undefined while loading. */
function useLicenseKey(): string | undefined {
  const [key, setKey] = useState<string>()
  useEffect(() => {
    apiFetch<ClientConfig>('/api/config').then(
      (config) => setKey(config.tldrawLicenseKey ?? ''),
      () => setKey(''),
    )
  }, [])
  return key
}
