import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { LoginSchema, MemberNameSchema, NewPasswordSchema } from '../../shared/accounts.ts'
import { ConfigError, parseConfig, type Config } from '../config.ts'
import { openDatabase, type Db } from '../db/connection.ts'
import { AppError, describeZodError } from '../errors.ts'
import { createLogger } from '../log.ts'
import { publicUrlOf } from '../origins.ts'
import { AccountsService } from './accounts-service.ts'
import { passwordResetLink } from './members-router.ts'
import { findMemberByLogin } from './member-store.ts'
import { insertPasswordReset, insertPersonalToken } from './team-store.ts'

const USAGE = `Usage: npm run admin -- <command> [options]

  create-user <login> --password <password> [--admin] [--name <display name>]
      Creates an active member (an admin with --admin).
  reset-password <login> [--password <password>]
      Prints a one-time reset link (valid PASSWORD_RESET_TTL_MS), or sets the given password.
      Either way every session of the member ends.
  create-token <login> [--name <token name>]
      Prints a new personal API token, alone on stdout.

Works on DATA_DIR's database (the same environment as npm start), also while the server runs.`

/** What a command prints on stdout (the result) and on stderr (what a person should know). */
interface Output {
  out: (line: string) => void
  err: (line: string) => void
}

type Options = { password?: string | undefined; admin?: boolean | undefined; name?: string | undefined }

async function run(command: string | undefined, login: string | undefined, options: Options, context: { db: Db; config: Config }, io: Output): Promise<number> {
  const accounts = new AccountsService({ db: context.db, log: createLogger('silent') })
  const parsedLogin = LoginSchema.safeParse(login ?? '')
  if (!parsedLogin.success) throw new UsageError(`login: ${describeZodError(parsedLogin.error)}`)
  switch (command) {
    case 'create-user': {
      const password = parse(NewPasswordSchema, options.password, '--password')
      const displayName = parse(MemberNameSchema, options.name ?? parsedLogin.data, '--name')
      const row = await accounts.createMember({ login: parsedLogin.data, displayName, password, role: options.admin ? 'admin' : 'member' })
      io.err(`Created ${row.role} "${row.login}" (${row.displayName}).`)
      return 0
    }
    case 'reset-password': {
      const member = requireMember(context.db, parsedLogin.data)
      if (options.password !== undefined) {
        await accounts.setPassword(member.id, parse(NewPasswordSchema, options.password, '--password'), 'set with the admin CLI')
        io.err(`Password of "${member.login}" set; their sessions have ended.`)
        return 0
      }
      const { token } = insertPasswordReset(context.db, member.id, context.config.PASSWORD_RESET_TTL_MS, Date.now())
      io.out(passwordResetLink(publicUrlOf(context.config, context.config.PORT), token))
      io.err(`One-time reset link for "${member.login}" (send it to them; it works once).`)
      return 0
    }
    case 'create-token': {
      const member = requireMember(context.db, parsedLogin.data)
      const { token } = insertPersonalToken(context.db, member.id, options.name ?? 'command line', Date.now())
      io.out(token)
      return 0
    }
    default:
      throw new UsageError(`Unknown command "${command ?? ''}".`)
  }
}

function requireMember(db: Db, login: string) {
  const member = findMemberByLogin(db, login)
  if (!member) throw new UsageError(`There is no member "${login}".`)
  if (member.deactivatedAt !== null) throw new UsageError(`"${login}" is deactivated; reactivate them on the members page first.`)
  return member
}

function parse<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeZodError>[0] } },
  value: unknown,
  name: string,
): T {
  if (value === undefined) throw new UsageError(`${name} is required.`)
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new UsageError(`${name}: ${describeZodError(parsed.error)}`)
  return parsed.data
}

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { password: { type: 'string' }, admin: { type: 'boolean' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
}

export async function main(argv: string[], env: Record<string, string | undefined>, io: Output): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>
  try {
    parsed = parseCommandLine(argv)
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed.values.help || parsed.positionals.length === 0) {
    io.err(USAGE)
    return parsed.values.help ? 0 : 2
  }
  let config: Config
  try {
    config = parseConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) io.err(error.message)
    return 1
  }
  const db = openDatabase(config.databaseFile)
  try {
    const [command, login] = parsed.positionals
    return await run(command, login, parsed.values, { db, config }, io)
  } catch (error) {
    if (error instanceof UsageError) io.err(`${error.message}\n\n${USAGE}`)
    else if (error instanceof AppError) io.err(error.message)
    else throw error
    return error instanceof UsageError ? 2 : 1
  } finally {
    db.$client.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  })
}
