// (being built)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { RouteOptions } from '../../index.js'

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async () => {}
export default routes
