/**
 * Cloud function `posts`: 设岗定责 and 责任区 (posts, claims, logs, verification through the ledger),
 * 承诺、践诺、评诺 (pledges), and the yearly duties (年度任务) with each member's progress.
 */
import { createFunction } from '../lib/router';
import { dutyRules, myDuties, recordProblem, recordSurvey, setDutyRules, unitDuties } from './duties';
import { fulfilPledge, listPledges, pledge, ratePledge, residentRatePledge } from './pledges';
import { archivePost, claimPost, createPost, listLogs, listPosts, logWork, myPosts, returnLog, verifyLog } from './posts';

const fn = createFunction(
  'posts',
  {
    createPost,
    archivePost,
    listPosts,
    claimPost,
    myPosts,
    logWork,
    verifyLog,
    returnLog,
    listLogs,
    pledge,
    fulfilPledge,
    ratePledge,
    residentRatePledge,
    listPledges,
    dutyRules,
    setDutyRules,
    myDuties,
    unitDuties,
    recordSurvey,
    recordProblem,
  },
  { limits: { createPost: 'create', logWork: 'create', pledge: 'create', recordSurvey: 'create', recordProblem: 'create' } },
);

export const main = fn.main;
export const describe = fn.describe;
