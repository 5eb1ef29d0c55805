// One explicit route table. Views load lazily; each route says who may open it (meta.ability, one of
// the user's abilities the server sends with the session) and which i18n key titles it. The guard restores the session once, sends anonymous users to the
// login page and users holding a one-time password to the forced change screen.
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { setAuthFailureHandler } from '../services/api'
import { useSessionStore } from '../stores/session'
import { usePlansStore } from '../stores/plans'
import { useMeasuresStore } from '../stores/measures'
import { measuresTableRequestOf } from '../utils/measures-url'
import { setPageTitle } from './page-title'
import { ErrorCode, type UserAbilities } from '@apt/shared'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title and the skip target's name). */
    titleKey?: string
    /** Reachable without logging in. */
    public?: boolean
    /** The ability (session.abilities) a user needs; absent: any logged-in user. */
    ability?: keyof UserAbilities
  }
}

const planId = (route: RouteLocationNormalized) => ({ planId: Number(route.params.planId) })
const id = (route: RouteLocationNormalized) => ({ id: Number(route.params.id) })

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('../views/auth/LoginView.vue'),
      meta: { public: true, titleKey: 'login.title' },
    },
    {
      path: '/password',
      name: 'password',
      component: () => import('../views/auth/ChangePasswordView.vue'),
      meta: { titleKey: 'password.title' },
    },
    { path: '/', name: 'home', component: () => import('../views/HomeView.vue'), meta: { titleKey: 'app.name' } },
    {
      path: '/my-work',
      name: 'my-work',
      component: () => import('../views/work/MyWorkView.vue'),
      meta: { titleKey: 'work.title', ability: 'fileProgress' },
    },
    { path: '/plans', name: 'plans', component: () => import('../views/plans/PlansView.vue'), meta: { titleKey: 'plans.title' } },
    {
      path: '/plans/:planId(\\d+)',
      name: 'dashboard',
      component: () => import('../views/plans/DashboardView.vue'),
      props: planId,
      meta: { titleKey: 'dashboard.title' },
    },
    {
      path: '/plans/new',
      name: 'plan-new',
      component: () => import('../views/plans/PlanEditorView.vue'),
      meta: { titleKey: 'editor.newTitle', ability: 'importPlans' },
    },
    {
      path: '/plans/:planId(\\d+)/edit',
      name: 'plan-edit',
      component: () => import('../views/plans/PlanEditorView.vue'),
      props: planId,
      meta: { titleKey: 'editor.title' },
    },
    {
      path: '/plans/:planId(\\d+)/measures',
      name: 'measures',
      component: () => import('../views/measures/MeasuresView.vue'),
      props: planId,
      meta: { titleKey: 'measures.title' },
      // The table's page is asked for now, while the screen's code loads, not after: the screen awaits the same request.
      beforeEnter: (to) => {
        useMeasuresStore()
          .loadTable(Number(to.params.planId), measuresTableRequestOf(to.query))
          .catch(() => undefined)
      },
    },
    {
      path: '/plans/:planId(\\d+)/report',
      name: 'report',
      component: () => import('../views/report/ReportView.vue'),
      props: planId,
      meta: { titleKey: 'report.title', ability: 'readReport' },
    },
    {
      path: '/measures/:id(\\d+)',
      name: 'measure',
      component: () => import('../views/measures/MeasureView.vue'),
      props: id,
      meta: { titleKey: 'measure.title' },
    },
    {
      path: '/submissions/:id(\\d+)',
      name: 'submission',
      component: () => import('../views/submissions/SubmissionView.vue'),
      props: id,
      meta: { titleKey: 'submission.title' },
    },
    {
      path: '/review',
      name: 'review',
      component: () => import('../views/review/ReviewListView.vue'),
      meta: { titleKey: 'review.title', ability: 'review' },
    },
    {
      path: '/review/:id(\\d+)',
      name: 'review-submission',
      component: () => import('../views/review/ReviewView.vue'),
      props: id,
      meta: { titleKey: 'review.itemTitle', ability: 'review' },
    },
    { path: '/surveys', name: 'surveys', component: () => import('../views/surveys/SurveysView.vue'), meta: { titleKey: 'surveys.title' } },
    {
      path: '/surveys/new',
      name: 'survey-new',
      component: () => import('../views/surveys/SurveyEditorView.vue'),
      meta: { titleKey: 'surveys.newTitle', ability: 'manageSurveys' },
    },
    {
      path: '/surveys/:id(\\d+)',
      name: 'survey',
      component: () => import('../views/surveys/SurveyEditorView.vue'),
      props: id,
      meta: { titleKey: 'surveys.editor.title' },
    },
    {
      path: '/surveys/:id(\\d+)/results',
      name: 'survey-results',
      component: () => import('../views/surveys/SurveyResultsView.vue'),
      props: id,
      meta: { titleKey: 'surveys.results.title' },
    },
    {
      path: '/surveys/:id(\\d+)/coding/:question',
      name: 'survey-coding',
      component: () => import('../views/surveys/SurveyCodingView.vue'),
      props: (route) => ({ id: Number(route.params.id), question: String(route.params.question) }),
      meta: { titleKey: 'surveys.coding.title' },
    },
    {
      path: '/surveys/:id(\\d+)/answer/:institution?',
      name: 'survey-answer',
      component: () => import('../views/surveys/SurveyAnswerView.vue'),
      props: (route) => ({
        id: Number(route.params.id),
        institution: route.params.institution ? String(route.params.institution) : undefined,
      }),
      meta: { titleKey: 'answer.title' },
    },
    {
      path: '/notifications',
      name: 'notifications',
      component: () => import('../views/notifications/NotificationsView.vue'),
      meta: { titleKey: 'notifications.title' },
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('../views/settings/PreferencesView.vue'),
      meta: { titleKey: 'preferences.title' },
    },
    {
      path: '/admin',
      component: () => import('../views/admin/AdminLayout.vue'),
      meta: { ability: 'administer' },
      children: [
        {
          path: '',
          name: 'administration',
          redirect: () => ({ name: useSessionStore().abilities.manageUsers ? 'admin-users' : 'admin-rounds' }),
        },
        {
          path: 'users',
          name: 'admin-users',
          component: () => import('../views/admin/UsersView.vue'),
          meta: { titleKey: 'admin.users.title', ability: 'manageUsers' },
        },
        {
          path: 'institutions',
          name: 'admin-institutions',
          component: () => import('../views/admin/InstitutionsView.vue'),
          meta: { titleKey: 'admin.institutions.title', ability: 'administer' },
        },
        {
          path: 'import',
          name: 'admin-import',
          component: () => import('../views/admin/ImportView.vue'),
          meta: { titleKey: 'admin.import.title', ability: 'importPlans' },
        },
        {
          path: 'outbox',
          name: 'admin-outbox',
          component: () => import('../views/admin/OutboxView.vue'),
          meta: { titleKey: 'outbox.title', ability: 'manageUsers' },
        },
        {
          path: 'open-data',
          name: 'admin-open-data',
          component: () => import('../views/admin/OpenDataView.vue'),
          meta: { titleKey: 'publishing.licence.title', ability: 'manageUsers' },
        },
        {
          path: 'rounds',
          name: 'admin-rounds',
          component: () => import('../views/admin/RoundsView.vue'),
          meta: { titleKey: 'admin.rounds.title', ability: 'manageRounds' },
        },
      ],
    },
    {
      path: '/forbidden',
      name: 'forbidden',
      component: () => import('../views/errors/ForbiddenView.vue'),
      meta: { titleKey: 'forbidden.title' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('../views/errors/NotFoundView.vue'),
      meta: { public: true, titleKey: 'notFound.title' },
    },
  ],
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : { top: 0 }),
})

/**
 * Starts loading a route's screens (every route component here is a lazy `() => import(…)`; the
 * router replaces it with the loaded component): the router's own load then finds them loaded.
 */
function preloadScreens(to: RouteLocationNormalized) {
  for (const record of to.matched)
    for (const component of Object.values(record.components ?? {}))
      if (typeof component === 'function') void (component as () => Promise<unknown>)().catch(() => undefined)
}

router.beforeEach(async (to) => {
  const session = useSessionStore()
  // On a page load the screen's code loads while the session is asked for, not after it.
  if (session.status === 'unknown') preloadScreens(to)
  if (to.name === 'not-found' && session.status === 'unknown') {
    // Show the header on a not-found page when logged in, but do not demand it.
    await session.restore().catch(() => undefined)
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.status === 'authenticated') return { name: 'home' }
    return true
  }
  await session.restore()
  if (session.status !== 'authenticated') return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (session.mustChangePassword && to.name !== 'password') return { name: 'password', query: { redirect: to.fullPath } }
  const needed = to.matched.map((r) => r.meta.ability).filter((a) => a !== undefined)
  if (needed.some((a) => !session.abilities[a])) return { name: 'forbidden', query: { from: to.fullPath } }
  if (to.name === 'home') {
    // Those who file progress start with what they owe; everyone else with the plan.
    if (session.abilities.fileProgress) return { name: 'my-work' }
    const plans = usePlansStore()
    await plans.loadPlans().catch(() => undefined)
    if (plans.currentPlanId) return { name: 'dashboard', params: { planId: plans.currentPlanId } }
  }
  return true
})

// A page of a plan makes it the user's current plan (the header's switcher, the next visit).
router.afterEach((to, _from, failure) => {
  if (!failure && to.params.planId) void usePlansStore().use(Number(to.params.planId))
})

router.afterEach(setPageTitle)

// After a new version is deployed, an open tab may ask for view chunks that no longer exist:
// load the page afresh once instead of showing nothing.
const CHUNK_RELOAD_KEY = 'apt.chunkReload'
router.onError((error: Error, to) => {
  const chunkFailed = /dynamically imported module|module script|Importing a module/i.test(error.message)
  if (!chunkFailed) return
  if (sessionStorage.getItem(CHUNK_RELOAD_KEY) === to.fullPath) return
  sessionStorage.setItem(CHUNK_RELOAD_KEY, to.fullPath)
  window.location.assign(to.fullPath)
})
router.afterEach(() => sessionStorage.removeItem(CHUNK_RELOAD_KEY))

setAuthFailureHandler((error) => {
  const session = useSessionStore()
  const current = router.currentRoute.value
  if (error.code === ErrorCode.passwordChangeRequired) {
    if (current.name !== 'password') void router.push({ name: 'password', query: { redirect: current.fullPath } })
    return
  }
  if (error.status === 401 && session.status === 'authenticated') {
    session.clear()
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  }
})
