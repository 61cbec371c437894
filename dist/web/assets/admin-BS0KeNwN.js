import{A as e,B as t,C as n,D as r,E as i,F as a,G as o,H as s,I as c,J as l,K as u,L as d,M as f,N as p,O as m,P as h,R as g,S as _,T as ee,U as te,V as ne,W as re,X as v,Y as y,_ as b,b as x,c as ie,d as ae,f as oe,g as S,h as se,i as C,j as ce,k as w,l as le,m as ue,p as de,q as fe,r as pe,s as me,t as he,u as ge,v as _e,w as ve,x as ye,y as be,z as xe}from"./statusDashboardApi-C4R4UvZf.js";import{i as T,n as E,r as D,t as O}from"./icons-CuKf9g5F.js";import"./status-dashboard-BqZ_TabX.js";var Se=class extends Event{constructor(e,t,n,r){super(`context-request`,{bubbles:!0,composed:!0}),this.context=e,this.contextTarget=t,this.callback=n,this.subscribe=r??!1}};function Ce(e){return e}var k=class{constructor(e,t,n,r){if(this.subscribe=!1,this.provided=!1,this.value=void 0,this.t=(e,t)=>{this.unsubscribe&&(this.unsubscribe!==t&&(this.provided=!1,this.unsubscribe()),this.subscribe||this.unsubscribe()),this.value=e,this.host.requestUpdate(),this.provided&&!this.subscribe||(this.provided=!0,this.callback&&this.callback(e,t)),this.unsubscribe=t},this.host=e,t.context!==void 0){let e=t;this.context=e.context,this.callback=e.callback,this.subscribe=e.subscribe??!1}else this.context=t,this.callback=n,this.subscribe=r??!1;this.host.addController(this)}hostConnected(){this.dispatchRequest()}hostDisconnected(){this.unsubscribe&&=(this.unsubscribe(),void 0)}dispatchRequest(){this.host.dispatchEvent(new Se(this.context,this.host,this.t,this.subscribe))}},we=class{get value(){return this.o}set value(e){this.setValue(e)}setValue(e,t=!1){let n=t||!Object.is(e,this.o);this.o=e,n&&this.updateObservers()}constructor(e){this.subscriptions=new Map,this.updateObservers=()=>{for(let[e,{disposer:t}]of this.subscriptions)e(this.o,t)},e!==void 0&&(this.value=e)}addCallback(e,t,n){if(!n)return void e(this.value);this.subscriptions.has(e)||this.subscriptions.set(e,{disposer:()=>{this.subscriptions.delete(e)},consumerHost:t});let{disposer:r}=this.subscriptions.get(e);e(this.value,r)}clearCallbacks(){this.subscriptions.clear()}},Te=class extends Event{constructor(e,t){super(`context-provider`,{bubbles:!0,composed:!0}),this.context=e,this.contextTarget=t}},Ee=class extends we{constructor(e,t,n){super(t.context===void 0?n:t.initialValue),this.onContextRequest=e=>{if(e.context!==this.context)return;let t=e.contextTarget??e.composedPath()[0];t!==this.host&&(e.stopPropagation(),this.addCallback(e.callback,t,e.subscribe))},this.onProviderRequest=e=>{if(e.context!==this.context||(e.contextTarget??e.composedPath()[0])===this.host)return;let t=new Set;for(let[e,{consumerHost:n}]of this.subscriptions)t.has(e)||(t.add(e),n.dispatchEvent(new Se(this.context,n,e,!0)));e.stopPropagation()},this.host=e,this.context=t.context===void 0?t:t.context,this.attachListeners(),this.host.addController?.(this)}attachListeners(){this.host.addEventListener(`context-request`,this.onContextRequest),this.host.addEventListener(`context-provider`,this.onProviderRequest)}hostConnected(){this.host.dispatchEvent(new Te(this.context,this.host))}};function De(e){return re(ve,e)}function Oe(e){return te(ee,e)}var ke=d({configured:w(),eventsApiUrl:g(),routingKey:n,updatedAt:g().nullable()}).meta({id:`SelfAlertConnectionView`}),Ae=a({eventsApiUrl:ne({protocol:/^https?$/,error:`Enter the Events API URL, e.g. https://events.pagerduty.com`}).max(500).optional(),routingKey:g().trim().regex(/^([A-Za-z0-9]{32})?$/,`Enter the 32-character Integration Key of an Events API v2 integration (PagerDuty › the service › Integrations)`).optional()}).strict(),je=d({kind:g(),summary:g(),openedAt:g(),delivery:i([`paged`,`pending`]),lastError:g().nullable(),nextAttemptAt:g().nullable()}).meta({id:`SelfAlertView`}),Me={getSelfAlertConnection:{method:`GET`,path:`/api/connections/self-alerts`,access:`admin`,reply:ke},updateSelfAlertConnection:{method:`PUT`,path:`/api/connections/self-alerts`,access:`admin`,body:Ae,reply:ke}},Ne=[`cdc`,`poll`],Pe=e=>h({error:`Enter a number of seconds, e.g. ${e}`}).int(`Enter a whole number of seconds`).min(10,`Enter 10 seconds or more`).max(86400,`Enter 86,400 seconds (one day) or less`),Fe=a({automaticSync:w({error:`Choose On or Off`}),intakeMode:i(Ne,{error:`Choose Change Data Capture or Polling`}),pollIntervalSeconds:Pe(60),commentPollSeconds:Pe(30),startDate:De({offset:!0,error:`Enter a date and time, e.g. 2026-01-01T00:00:00Z`})}).strict().meta({id:`SyncSettings`}),Ie=Fe.partial().strict(),Le=[`full`,`incremental`],Re=[`running`,`succeeded`,`failed`,`cancelled`],ze=a({mode:i(Le,{error:`Choose 'full' or 'incremental'`})}).strict(),Be=a({id:s({error:`Not a sync run id`})}).strict(),Ve=d({id:g(),mode:i(Le),state:i(Re),processed:h().int(),total:h().int().nullable(),recorded:h().int(),percent:h().int().min(0).max(100),cancelRequested:w(),since:g().nullable(),watermark:g().nullable(),error:g().nullable(),note:g().nullable(),startedAt:g(),finishedAt:g().nullable()}).meta({id:`SyncRunView`}),He=d({runs:m(Ve)}).meta({id:`SyncRunsReply`}),Ue=d({code:i([`replay_gap`,`subscription_failed`,`auth_failure`,`poll_failed`,`not_configured`]),message:g(),at:g()}).meta({id:`IntakeNotice`}),We=d({settings:Fe,leader:d({holder:g(),expiresAt:g(),expired:w()}).nullable(),thisInstance:d({id:g(),leader:w(),subscribed:w()}),lastCdcEventAt:g().nullable(),lastCasePollAt:g().nullable(),lastCommentPollAt:g().nullable(),notices:m(Ue)}).meta({id:`IntakeStatusReply`}),A={getSyncSettings:{method:`GET`,path:`/api/sync/settings`,access:`admin`,reply:Fe},updateSyncSettings:{method:`PUT`,path:`/api/sync/settings`,access:`admin`,body:Ie,reply:Fe},getSyncIntakeStatus:{method:`GET`,path:`/api/sync/intake`,access:`admin`,reply:We},startSyncRun:{method:`POST`,path:`/api/sync/runs`,access:`admin`,body:ze,reply:Ve,status:202},listSyncRuns:{method:`GET`,path:`/api/sync/runs`,access:`admin`,reply:He},getSyncRun:{method:`GET`,path:`/api/sync/runs/:id`,access:`admin`,params:Be,reply:Ve},cancelSyncRun:{method:`POST`,path:`/api/sync/runs/:id/cancel`,access:`admin`,params:Be,reply:Ve,status:202}},Ge=4096,Ke=/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/,qe=/^[\t\x20-\x7E\x80-\xFF]*$/,Je=new Set([`connection`,`keep-alive`,`te`,`trailer`,`transfer-encoding`,`upgrade`,`host`,`content-length`]),Ye={authorization:`the app sends the REST API key in it: enter the key in "REST API key"`,from:`the app sends the integration user in it: enter the email in "Integration user email"`,accept:`the app asks for PagerDuty API version 2 with it`,"content-type":`the app sends JSON bodies and says so in it`};function Xe(e){let t=[],n=[],r=new Map;return e.split(/\r\n|\r|\n/).forEach((e,i)=>{let a=i+1;if(e.trim()===``)return;let o=e=>n.push({line:a,message:`Line ${a}: ${e}`}),s=e.indexOf(`:`);if(s===-1)return o(`no colon; write each header as Name: value, one per line.`);let c=e.slice(0,s).trim(),l=e.slice(s+1).trim();if(c===``)return o(`no header name before the colon; write Name: value.`);if(!Ke.test(c))return o(`"${c}" is not a valid header name; use letters, digits and - (no spaces), e.g. X-Api-Gateway-Key.`);let u=c.toLowerCase();if(Je.has(u)||u.startsWith(`proxy-`))return o(`${c} is a hop-by-hop header that proxies consume and the HTTP client sets itself; remove this line.`);let d=Ye[u];if(d)return o(`${c} is set by the app (${d}); remove this line.`);if(l===``)return o(`${c} has no value; write it after the colon or remove the line.`);if(l.length>4096)return o(`the value of ${c} is longer than ${Ge} characters.`);if(!qe.test(l))return o(`the value of ${c} contains a control character; remove it.`);let f=r.get(u);if(f!==void 0)return o(`${c} is already given on line ${f}; keep one of them.`);r.set(u,a),t.push({name:c,value:l})}),n.length===0&&t.length>20?{ok:!1,problems:[{line:0,message:`At most 20 custom headers; remove ${t.length-20}.`}]}:n.length?{ok:!1,problems:n}:{ok:!0,headers:t}}var Ze=[`enabled`,`disabled`,`missing`,`unknown`],Qe=[`not_provisioned`,`enabled`,`disabled`,`unknown`],$e=d({id:g(),scope:i([`service`,`account`]),serviceId:g().nullable(),serviceName:g().nullable(),deliveryUrl:g(),events:m(g()),state:i(Ze),message:g(),checkedAt:g().nullable(),createdAt:g()}).meta({id:`WebhookSubscriptionView`}),et=d({state:i(Qe),message:g(),deliveryUrl:g(),wantedServiceIds:m(g().nullable()),outOfDate:w(),subscriptions:m($e),checkedAt:g()}).meta({id:`WebhooksReply`});d({status:i([`stored`,`duplicate`,`ignored`,`pong`])}).meta({id:`WebhookDeliveryReply`});var tt=d({ran:w(),reason:i([`lease_held`,`not_configured`,`budget_low`]).nullable(),checked:h().int(),recorded:h().int(),calls:h().int(),events:m(d({incidentId:g(),kind:g(),sourceEventId:g()})),startedAt:g(),finishedAt:g()}).meta({id:`ReconcileReply`}),nt={getWebhooks:{method:`GET`,path:`/api/webhooks`,access:`admin`,reply:et},provisionWebhooks:{method:`POST`,path:`/api/webhooks/provision`,access:`admin`,reply:et},repairWebhooks:{method:`POST`,path:`/api/webhooks/repair`,access:`admin`,reply:et},reconcileIncidents:{method:`POST`,path:`/api/sync/reconcile`,access:`admin`,reply:tt}},rt=[`salesforce`,`pagerduty`,`manual_sync`,`reconcile`,`agent`],it=[`dead`,`failed`,`pending`,`skipped`,`ignored`,`done`],at=a({source:i(rt,{error:`source is one of ${rt.join(`, `)}`}).optional(),status:i(it,{error:`status is one of ${it.join(`, `)}`}).optional(),kind:g().trim().min(1).max(60).optional(),q:g().trim().max(200).optional(),before:g().regex(/^\d{1,15}\.[ej]\.\d{1,15}$/,`before is the nextBefore value of a previous page`).optional(),limit:Oe().int().min(1).max(200).default(50)}).strict(),ot=a({id:Oe().int().positive({error:`id is a positive number`})}).strict(),st=[`pending`,`running`,`done`,`failed`,`dead`],ct={caseId:g().nullable(),caseNumber:g().nullable(),caseUrl:g().nullable(),incidentId:g().nullable(),incidentNumber:g().nullable(),incidentUrl:g().nullable()},lt=d({id:h().int(),task:g(),state:i(st),attempts:h().int(),maxAttempts:h().int(),lastError:g().nullable(),errorHint:g().nullable(),durationMs:h().nullable(),createdAt:g(),finishedAt:g().nullable(),...ct,result:t(),skippedReason:g().nullable(),retryable:w()}).meta({id:`SyncLogJob`}),ut=d({type:i([`event`,`job`]),id:h().int(),at:g(),source:i(rt).nullable(),kind:g(),status:i(it),eventStatus:g().nullable(),note:g().nullable(),...ct,matchedRules:m(g()),processing:lt.nullable(),actions:m(lt)}).meta({id:`SyncLogEntry`}),dt={entries:m(ut),nextBefore:g().nullable()};d(dt).meta({id:`SyncLogPage`});var ft=d({...dt,retentionDays:h()}).meta({id:`SyncLogReply`}),pt=d({index:h().int(),field:g(),operator:g(),expected:t(),actual:t(),previous:t().optional(),outcome:w(),note:g().optional()}).meta({id:`SyncTraceCondition`}),mt=d({rulesetId:g(),rulesetName:g(),ruleId:g(),ruleName:g(),matched:w(),skippedReason:g().optional(),logic:g(),conditions:m(pt)}).meta({id:`SyncTraceRule`}),ht=d({entry:ut,trace:m(mt).nullable(),occurredAt:g().nullable(),processedAt:g().nullable()}).meta({id:`SyncLogEventReply`}),gt=d({job:lt}).meta({id:`SyncJobRetryReply`}),_t={getSyncLog:{method:`GET`,path:`/api/sync/log`,access:`admin`,query:at,reply:ft},getSyncLogEvent:{method:`GET`,path:`/api/sync/log/events/:id`,access:`admin`,params:ot,reply:ht},retrySyncJob:{method:`POST`,path:`/api/sync/jobs/:id/retry`,access:`admin`,params:ot,reply:gt},exportSyncLogCsv:{method:`GET`,path:`/api/sync/log.csv`,access:`admin`,query:at,mediaType:`text/csv`}},j=g().trim().min(1,`Required`).max(100,`At most 100 characters`),vt=g().trim().min(1,`Enter a name`).max(80,`At most 80 characters`),M=[`incident.triggered`,`incident.acknowledged`,`incident.unacknowledged`,`incident.resolved`,`incident.reassigned`,`incident.escalated`,`incident.priority_updated`,`incident.annotated`,`incident.reopened`,`incident.responder.added`,`incident.responder.replied`,`incident.status_update_published`,`incident.workflow.started`,`incident.workflow.completed`,`incident.custom_field_values.updated`,`incident.conference_bridge.updated`],yt=i(M),bt=[`create`,`update`],xt=e(`kind`,[d({kind:f(`case`),on:i([`create`,`update`,`both`])}),d({kind:f(`incident`),events:m(yt).min(1,`Choose at least one PagerDuty event`).refine(e=>new Set(e).size===e.length,`Each event may appear once`)})]),St=[`equals`,`not_equals`,`contains`,`not_contains`,`starts_with`,`ends_with`,`in`,`not_in`,`lt`,`lte`,`gt`,`gte`,`is_blank`,`is_not_blank`,`changed`,`changed_to`,`changed_from`],Ct=xe([g(),h(),w()]),wt=xe([Ct,m(xe([g(),h()]))]),Tt=d({field:g().trim().min(1,`Choose a field`),operator:g().trim().min(1,`Choose an operator`),value:wt.optional()}),Et=e(`kind`,[d({kind:f(`all`)}),d({kind:f(`any`)}),d({kind:f(`custom`),expression:g().trim().min(1,`Enter filter logic such as 1 AND (2 OR 3)`).max(1e3)})]),N=g().max(32e3,`At most 32,000 characters`),Dt=i([`high`,`low`]),Ot=d({type:f(`create_incident`),serviceId:j,urgency:Dt.optional(),priorityId:j.optional(),escalationPolicyId:j.optional(),title:N.min(1,`Enter a title or remove the override`).optional(),details:N.optional()}),kt=d({type:f(`update_incident`),status:i([`acknowledged`,`resolved`]).optional(),assignToUserIds:m(j).min(1,`Choose at least one user`).optional(),escalationPolicyId:j.optional(),priorityId:j.optional(),urgency:Dt.optional()}).refine(e=>e.status!==void 0||e.assignToUserIds!==void 0||e.escalationPolicyId!==void 0||e.priorityId!==void 0||e.urgency!==void 0,`Choose at least one change: status, assignees, escalation policy, priority or urgency`),At=d({type:f(`add_note`),content:N.min(1,`Enter the note`)}),jt=d({type:f(`escalate_incident`),level:h().int(`Enter a whole level`).min(1,`Levels start at 1`).max(20,`At most level 20`)}),Mt=d({type:f(`snooze_incident`),durationMinutes:h().int(`Enter whole minutes`).min(1,`At least 1 minute`).max(10080,`At most 7 days (10,080 minutes)`)}),Nt=d({type:f(`resolve_incident`),resolution:N.optional()}),Pt=d({type:f(`add_responders`),userIds:m(j).optional(),escalationPolicyIds:m(j).optional(),message:N.min(1,`Enter the message responders receive`)}).refine(e=>(e.userIds?.length??0)+(e.escalationPolicyIds?.length??0)>0,`Choose at least one user or escalation policy to add as responders`),Ft=d({type:f(`publish_status_update`),message:N.min(1,`Enter the status update`)}),It=d({type:f(`start_incident_workflow`),workflowId:j}),Lt=d({type:f(`set_conference_bridge`),conferenceNumber:N.optional(),conferenceUrl:N.optional()}).refine(e=>!!(e.conferenceNumber?.trim()||e.conferenceUrl?.trim()),`Enter a conference number, a URL or both`),Rt=xe([N,h(),w(),r()]),zt=c(g().trim().min(1),Rt),Bt=d({type:f(`set_case_fields`),values:zt.refine(e=>Object.keys(e).length>0,`Set at least one field`)}),Vt=d({type:f(`create_case`),values:zt}),Ht=d({type:f(`add_case_comment`),body:N.min(1,`Enter the comment`),isPublished:w().optional()}),Ut=[`create_incident`,`update_incident`,`add_note`,`escalate_incident`,`snooze_incident`,`resolve_incident`,`add_responders`,`publish_status_update`,`start_incident_workflow`,`set_conference_bridge`],Wt=[`set_case_fields`,`create_case`,`add_case_comment`],Gt=e(`type`,[Ot,kt,At,jt,Mt,Nt,Pt,Ft,It,Lt,Bt,Vt,Ht]),Kt=d({id:j,name:vt,runOn:xt,conditions:m(Tt).max(50,`At most 50 conditions`),filterLogic:Et,actions:m(Gt).max(20,`At most 20 actions`),stopProcessing:w()}).superRefine((e,t)=>{let n=e.runOn.kind===`case`?Ut:Wt;e.actions.forEach((r,i)=>{n.includes(r.type)||t.addIssue({code:`custom`,path:[`actions`,i,`type`],message:e.runOn.kind===`case`?`A Case rule can only ${Ut.join(`, `)}; ${r.type} belongs to PagerDuty incident rules`:`A PagerDuty incident rule can only ${Wt.join(`, `)}; ${r.type} belongs to Case rules`})})}),qt=d({id:j,name:vt,enabled:w(),position:h().int().min(0),rules:m(Kt).max(200,`At most 200 rules per ruleset`)}).superRefine((e,t)=>{let n=new Map;e.rules.forEach((e,r)=>{let i=n.get(e.id);i===void 0?n.set(e.id,r):t.addIssue({code:`custom`,path:[`rules`,r,`id`],message:`Duplicate rule id ${e.id} (also rules[${i}])`})})});d({schemaVersion:f(1),ruleset:qt});function Jt(e){return{id:e.id,name:e.name,runOn:{kind:`case`,on:`both`},conditions:[],filterLogic:{kind:`all`},actions:[],stopProcessing:!1}}function Yt(e){return e.trim().normalize(`NFC`).toLowerCase()}var Xt=p({field:g(),operator:g(),value:t().optional()}),Zt=p({id:g(),name:g(),runOn:i([`case_create`,`case_update`,`case_create_or_update`,`incident`]),incidentEvents:m(g()).optional(),conditions:m(Xt).default([]),filterLogic:g().optional(),actions:m(t()).default([]),stopProcessing:w().optional()});p({id:g(),name:g(),enabled:w().optional(),position:h().optional(),rules:m(Zt).default([])});var Qt=Symbol(`unreadable`);function $t(e){return t=>{let n=e(t);return n===Qt?null:n}}var en=e=>({ok:!0,value:e}),tn=e=>({ok:!1,message:e});function nn(e){return typeof e==`string`?JSON.stringify(e.length>40?`${e.slice(0,40)}…`:e):Array.isArray(e)?`a list`:String(e)}var rn=`ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`,an=/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;function on(e){if(e.length!==15)return e;let t=``;for(let n=0;n<3;n++){let r=0;for(let t=0;t<5;t++){let i=e.charCodeAt(n*5+t);i>=65&&i<=90&&(r|=1<<t)}t+=rn.charAt(r)}return e+t}function sn(e){return an.test(e)?on(e).toLowerCase():null}var cn={kind:`id`,noun:`a Salesforce Id`,read(e){return e==null||e===``?null:typeof e==`string`?sn(e)??Qt:Qt},parse(e){if(typeof e!=`string`||e===``)return tn(`Enter a Salesforce Id (15 or 18 letters and digits)`);let t=sn(e);return t===null?tn(`${nn(e)} is not a Salesforce Id (15 or 18 letters and digits)`):en(t)},equal:(e,t)=>e===t,exact:$t(e=>cn.read(e))},ln=864e5,un=/^(\d{4})-(\d{2})-(\d{2})$/,dn=/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;function fn(e,t,n){if(t<1||t>12||n<1)return null;let r=Date.UTC(e,t-1,n),i=new Date(r);return i.getUTCMonth()!==t-1||i.getUTCDate()!==n?null:r}function pn(e){let t=un.exec(e);if(!t)return null;let n=fn(Number(t[1]),Number(t[2]),Number(t[3]));return n===null?null:n/ln}function mn(e){let t=dn.exec(e);if(!t)return null;let n=fn(Number(t[1]),Number(t[2]),Number(t[3])),r=Number(t[4]),i=Number(t[5]),a=t[6]===void 0?0:Number(t[6]);if(n===null||r>23||i>59||a>59)return null;let o=t[7]===void 0?0:Math.floor(Number(`0.${t[7]}`)*1e3),s=t[8]??`Z`,c=0;if(s!==`Z`){let e=s.slice(1).replace(`:`,``),t=Number(e.slice(0,2)),n=e.length>2?Number(e.slice(2,4)):0;if(t>23||n>59)return null;c=(s.startsWith(`-`)?-1:1)*(t*60+n)}return n+((r*60+i-c)*60+a)*1e3+o}var hn={kind:`date`,noun:`a date (YYYY-MM-DD)`,read(e){return e==null||e===``?null:typeof e==`string`?pn(e)??Qt:Qt},parse(e){let t=typeof e==`string`?pn(e):null;return t===null?tn(`Enter a date as YYYY-MM-DD, not ${nn(e)}`):en(t)},equal:(e,t)=>e===t,exact:$t(e=>hn.read(e))},gn={kind:`datetime`,noun:`a date and time`,read(e){return e==null||e===``?null:typeof e==`string`?mn(e)??Qt:Qt},parse(e){let t=typeof e==`string`?mn(e):null;if(t!==null)return en(t);let n=typeof e==`string`&&pn(e)!==null?` (a time and a zone are needed)`:``;return tn(`Enter a date and time such as 2024-05-01T09:30:00Z, not ${nn(e)}${n}`)},equal:(e,t)=>e===t,exact:$t(e=>gn.read(e))},_n=`pagerduty-sfdc-rulesets`;d({format:f(_n,{error:`Not a rulesets export: "format" must be "${_n}"`}),schemaVersion:h().int().min(0),exportedAt:g().refine(e=>mn(e)!==null,`Must be an ISO date-time such as 2024-05-01T09:30:00Z`).optional(),rulesets:m(t()).max(500,`At most 500 rulesets`)});var vn=d({name:i(St),label:g(),value:i([`none`,`single`,`list`])}).meta({id:`OperatorOption`}),yn=d({name:g(),label:g(),type:g(),length:h().int().nullable(),picklistValues:m(g()),restrictedPicklist:w(),createable:w(),updateable:w(),nillable:w(),defaultedOnCreate:w(),requiredForCreate:w(),supported:w(),operators:m(vn)}).meta({id:`CaseFieldMetadata`}),bn=d({fields:m(yn)}).meta({id:`CaseFieldsReply`}),xn=d({key:g(),name:g(),label:g(),type:g(),picklistValues:m(g()),operators:m(vn)}).meta({id:`IncidentFieldMetadata`}),Sn=d({fields:m(xn),eventTypes:m(g())}).meta({id:`IncidentFieldsReply`}),Cn=d({id:g(),name:g(),escalationPolicyId:g().nullable()}).meta({id:`PagerDutyServiceOption`}),wn=d({id:g(),name:g()}).meta({id:`PagerDutyNamedOption`}),Tn=d({id:g(),name:g(),email:g()}).meta({id:`PagerDutyUserOption`}),En=d({id:g(),name:g(),displayName:g(),dataType:g(),fieldType:g(),options:m(g())}).meta({id:`PagerDutyCustomFieldChoice`}),Dn=d({services:m(Cn),escalationPolicies:m(wn),priorities:m(wn),users:m(Tn),incidentWorkflows:m(wn),incidentCustomFields:m(En),fetchedAt:g()}).meta({id:`PagerDutyMetadataReply`}),On=new Set([`string`,`textarea`,`picklist`,`combobox`,`email`,`phone`,`url`]),kn=new Set([`string`,`textarea`,`url`]),An=g().trim().min(1).max(80).nullable(),jn=[`off`,`internal_comment`,`public_comment`],Mn=a({businessObject:f(`Case`,{error:`Case is the only business object`}),titleField:g().trim().min(1,`Choose the Incident Title Field`).max(80),descriptionField:An,syncCommentsToNotes:w(),statusUpdatesToCases:i(jn,{error:`Choose one of ${jn.join(`, `)}`}).optional(),incidentNumberField:An,incidentUrlField:An,integrationUserEmail:ce({error:`Enter the email of an existing PagerDuty user`}).max(254).nullable()}).strict(),Nn=Mn.extend({statusUpdatesToCases:i(jn),integrationUser:Tn.nullable(),integrationUserProblem:g().nullable()}).meta({id:`ObjectMappingReply`}),Pn=g().trim().min(1,`Enter a name`).max(80,`At most 80 characters`),Fn=a({name:Pn}).strict(),In=a({name:Pn.optional(),enabled:w().optional()}).strict().refine(e=>e.name!==void 0||e.enabled!==void 0,`Send name, enabled, or both`),Ln=d({...qt.shape,id:g().optional(),position:h().int().min(0).optional()}).meta({id:`PutRulesetRequest`}),Rn=a({ids:m(g().min(1).max(100)).min(1,`List the ruleset ids in their new order`).max(1e3).refine(e=>new Set(e).size===e.length,`Each ruleset may appear once`)}).strict(),P=qt.meta({id:`Ruleset`}),zn=d({rulesets:m(P)}).meta({id:`RulesetsReply`}),Bn=d({format:f(_n),schemaVersion:h().int().min(0),exportedAt:g().optional(),rulesets:m(P)}).meta({id:`RulesetExport`}),Vn=d({format:f(_n),schemaVersion:h().int().min(0),exportedAt:g().optional(),rulesets:m(p({})).max(500).meta({description:"Rulesets as the export of `schemaVersion` wrote them (the current version: the Ruleset schema)."})}).meta({id:`ImportRulesetsRequest`}),Hn=d({imported:m(P),renamedIds:c(g(),g()),renamedNames:m(d({from:g(),to:g()}))}).meta({id:`ImportRulesetsReply`}),Un=d({key:g(),name:g(),description:g(),needs:m(i([`service`])),ruleNames:m(g())}).meta({id:`RulesetTemplateView`}),Wn=d({templates:m(Un)}).meta({id:`RulesetTemplatesReply`}),Gn=a({serviceId:g().trim().min(1,`Choose a PagerDuty service`).max(100,`At most 100 characters`).optional()}).strict(),Kn=xe([a({caseNumber:g().trim().min(1,`Enter a Case number`).max(30,`At most 30 characters`),change:i([`create`,`update`]).optional()}).strict(),a({sampleEvent:a({eventType:i(M),incidentId:g().trim().min(1).max(100).optional()}).strict()}).strict()]),qn=d({rulesetId:g(),rulesetName:g(),ruleId:g(),ruleName:g(),matched:w(),skippedReason:i([`run_on`,`stopped`]).optional(),conditions:m(d({index:h().int(),field:g(),operator:i(St),expected:wt.optional(),actual:t(),previous:t().optional(),outcome:w(),note:g().optional()})).readonly(),logic:g()}).meta({id:`RuleTrace`}),Jn=d({event:e(`kind`,[d({kind:f(`case`),change:i([`create`,`update`]),caseId:g(),caseNumber:g(),usedSnapshot:w()}),d({kind:f(`incident`),eventType:g(),incidentId:g(),incidentNumber:h().int(),source:i([`pagerduty`,`sample`])})]),record:c(g(),t()),matched:w(),trace:qn,actions:m(p({type:g()}).meta({description:`An action of the rule, its templates filled in (rules/actions.ts RenderedAction).`})),pagerDutyNames:c(g(),g())}).meta({id:`RuleTestReply`}),F={getCaseFields:{method:`GET`,path:`/api/metadata/case-fields`,access:`admin`,reply:bn},getIncidentFields:{method:`GET`,path:`/api/metadata/incident-fields`,access:`admin`,reply:Sn},getPagerDutyMetadata:{method:`GET`,path:`/api/metadata/pagerduty`,access:`admin`,reply:Dn},getObjectMapping:{method:`GET`,path:`/api/object-mapping`,access:`admin`,reply:Nn},putObjectMapping:{method:`PUT`,path:`/api/object-mapping`,access:`admin`,body:Mn,reply:Nn},getRulesets:{method:`GET`,path:`/api/rulesets`,access:`admin`,reply:zn},createRuleset:{method:`POST`,path:`/api/rulesets`,access:`admin`,body:Fn,reply:P,status:201},reorderRulesets:{method:`POST`,path:`/api/rulesets/reorder`,access:`admin`,body:Rn,reply:zn},exportRulesets:{method:`GET`,path:`/api/rulesets/export`,access:`admin`,reply:Bn},importRulesets:{method:`POST`,path:`/api/rulesets/import`,access:`admin`,body:Vn,reply:Hn,status:201},getRulesetTemplates:{method:`GET`,path:`/api/rulesets/templates`,access:`admin`,reply:Wn},addRulesetFromTemplate:{method:`POST`,path:`/api/rulesets/templates/:key`,access:`admin`,body:Gn,reply:P,status:201},getRuleset:{method:`GET`,path:`/api/rulesets/:id`,access:`admin`,reply:P},patchRuleset:{method:`PATCH`,path:`/api/rulesets/:id`,access:`admin`,body:In,reply:P},putRuleset:{method:`PUT`,path:`/api/rulesets/:id`,access:`admin`,body:Ln,reply:P},deleteRuleset:{method:`DELETE`,path:`/api/rulesets/:id`,access:`admin`,status:204},testRule:{method:`POST`,path:`/api/rulesets/:id/rules/:ruleId/test`,access:`admin`,body:Kn,reply:Jn}};d({error:d({code:g(),message:g(),details:t().optional()})}).meta({id:`ApiError`});var Yn=a({username:g().min(1).max(100),password:g().min(1).max(1e3)}).strict(),Xn=d({authenticated:w(),username:g().optional(),csrfToken:g().optional(),demo:w()}).meta({id:`SessionReply`}),Zn=[`password`,`client_credentials`,`jwt`,`sfdx`],Qn=[`production`,`sandbox`,`custom`],$n=d({configured:w(),apiUrl:g(),fromEmail:g().nullable(),apiKey:n,customHeaders:m(d({name:g(),value:n})),apiUrlWarning:g().nullable(),updatedAt:g().nullable()}).meta({id:`PagerDutyConnectionView`}),er=d({configured:w(),authMode:i(Zn),environment:i(Qn),loginUrl:g(),username:g().nullable(),clientId:g().nullable(),alias:g().nullable(),apiVersion:g(),password:n,securityToken:n,clientSecret:n,privateKey:n,updatedAt:g().nullable()}).meta({id:`SalesforceConnectionView`}),tr=d({pagerduty:$n,salesforce:er}).meta({id:`ConnectionsReply`}),nr=g().max(2e4),rr=e=>g().trim().max(e),ir=a({apiUrl:ne({error:`Enter the API base URL, e.g. https://api.pagerduty.com`}).max(500).optional(),apiKey:nr.min(1,`Enter the REST API key`).optional(),fromEmail:ce({error:`Enter the email of an existing PagerDuty user`}).max(254).nullable().optional(),customHeaders:g().max(1e5).superRefine((e,t)=>{let n=Xe(e);if(!n.ok)for(let e of n.problems)t.addIssue({code:`custom`,message:e.message})}).optional()}).strict(),ar=a({authMode:i(Zn).optional(),environment:i(Qn).optional(),loginUrl:ne({error:`Enter the login URL, e.g. https://mycompany.my.salesforce.com`}).max(500).optional(),username:rr(254).nullable().optional(),clientId:rr(500).nullable().optional(),alias:rr(200).nullable().optional(),apiVersion:g().regex(/^\d{2}\.0$/,`API version looks like 62.0`).optional(),password:nr.optional(),securityToken:nr.optional(),clientSecret:nr.optional(),privateKey:nr.optional()}).strict(),or={ok:w(),message:g(),hint:g().optional(),reason:g().optional(),checkedAt:g(),details:c(g(),t()).optional()},sr=d(or).meta({id:`ConnectionTestResult`}),cr=d({...$n.shape,test:sr}).meta({id:`SavedPagerDutyConnection`}),lr=d({...er.shape,test:sr}).meta({id:`SavedSalesforceConnection`}),ur=d({...or,configured:w()}).meta({id:`ConnectionHealth`}),I=h().int().min(0),dr=d({pagerduty:ur,salesforce:ur,integrationUser:ur,webhook:d({state:i([`not_provisioned`,`enabled`,`disabled`,`unknown`]),message:g()}),rulesets:d({enabled:I,total:I}),budgets:d({salesforce:d({used:h(),limit:h()}).nullable(),pagerduty:d({remaining:h(),limit:h()}).nullable()}),sync:d({lastInboundAt:g().nullable(),lastActionAt:g().nullable(),failures24h:I,processed24h:I,actionsDone24h:I,actionsSkipped24h:I,deadJobs:I}).nullable(),intakeNotices:m(Ue),selfAlerts:m(je),selfAlertsConfigured:w(),demo:w(),generatedAt:g()}).meta({id:`SummaryReply`}),L={getSession:{method:`GET`,path:`/api/session`,access:`public`,reply:Xn},signIn:{method:`POST`,path:`/api/session`,access:`public`,body:Yn,reply:Xn},signOut:{method:`DELETE`,path:`/api/session`,access:`admin`,status:204},getConnections:{method:`GET`,path:`/api/connections`,access:`admin`,reply:tr},updatePagerDutyConnection:{method:`PUT`,path:`/api/connections/pagerduty`,access:`admin`,body:ir,reply:cr},updateSalesforceConnection:{method:`PUT`,path:`/api/connections/salesforce`,access:`admin`,body:ar,reply:lr},testPagerDutyConnection:{method:`POST`,path:`/api/connections/pagerduty/test`,access:`admin`,reply:sr},testPagerDutyUser:{method:`POST`,path:`/api/connections/pagerduty/test-user`,access:`admin`,reply:sr},testSalesforceConnection:{method:`POST`,path:`/api/connections/salesforce/test`,access:`admin`,reply:sr},getSummary:{method:`GET`,path:`/api/summary`,access:`admin`,reply:dr}},fr=class{csrfToken;#e;#t;constructor(e={}){this.#e=e.fetch??((e,t)=>globalThis.fetch(e,t)),this.#t=e.onUnauthenticated??(()=>{})}async getSession(e){let t=await this.#n(L.getSession,{signal:e});return this.csrfToken=t.authenticated?t.csrfToken:void 0,t}async signIn(e,t){let n=await this.#n(L.signIn,{body:e,signal:t,unauthenticatedIsAnswer:!0});return this.csrfToken=n.csrfToken,n}async signOut(){await this.#n(L.signOut,{}),this.csrfToken=void 0}getConnections(e){return this.#n(L.getConnections,{signal:e})}updatePagerDutyConnection(e){return this.#n(L.updatePagerDutyConnection,{body:e})}updateSalesforceConnection(e){return this.#n(L.updateSalesforceConnection,{body:e})}testPagerDutyConnection(){return this.#n(L.testPagerDutyConnection,{})}testPagerDutyUser(){return this.#n(L.testPagerDutyUser,{})}testSalesforceConnection(){return this.#n(L.testSalesforceConnection,{})}getSummary(e){return this.#n(L.getSummary,{signal:e})}call(e,t={}){return this.#n(e,t)}async#n(e,t){let n={Accept:`application/json`};t.body!==void 0&&(n[`Content-Type`]=`application/json`),e.method!==`GET`&&this.csrfToken&&(n[`X-CSRF-Token`]=this.csrfToken);let r;try{r=await this.#e(e.path,{method:e.method,credentials:`same-origin`,headers:n,...t.body===void 0?{}:{body:JSON.stringify(t.body)},...t.signal?{signal:t.signal}:{}})}catch(e){throw be(e)?e:ye(e)}let i=await pr(r);if(r.ok)return i;let a=_e(r.status,i,r.statusText);throw a.isUnauthenticated&&!t.unauthenticatedIsAnswer&&(this.csrfToken=void 0,this.#t()),a}};async function pr(e){if(e.status===204)return;let t=await e.text();if(t){if(!(e.headers.get(`Content-Type`)??``).includes(`json`))return t;try{return JSON.parse(t)}catch{return t}}}var R=Ce(Symbol(`pd-api-client`));function z(e){let t=e.value;if(!t)throw Error(`The admin UI is not set up: reload the page.`);return t}var mr=Ce(Symbol(`pd-admin-session`)),B=Ce(Symbol(`pd-toasts`)),hr=class e extends Event{session;static eventName=`pd-signed-in`;constructor(t){super(e.eventName,{bubbles:!0,composed:!0}),this.session=t}},gr=class e extends Event{static eventName=`pd-signed-out`;constructor(){super(e.eventName,{bubbles:!0,composed:!0})}},_r=class e extends Event{path;static eventName=`pd-navigate`;constructor(t){super(e.eventName,{bubbles:!0,composed:!0}),this.path=t}},vr={success:5e3,info:5e3,warning:void 0,error:void 0},yr=class{#e=[];#t=1;#n=new Set;#r=new Map;#i;constructor(e={setTimeout:(e,t)=>setTimeout(e,t),clearTimeout:e=>clearTimeout(e)}){this.#i=e}get toasts(){return this.#e}show(e){let t={...e,id:this.#t++},n=[...this.#e,t];for(let e of n.splice(0,Math.max(0,n.length-3)))this.#a(e.id);this.#e=n;let r=vr[e.variant];return r!==void 0&&this.#r.set(t.id,this.#i.setTimeout(()=>this.dismiss(t.id),r)),this.#o(),t}dismiss(e){this.#e.some(t=>t.id===e)&&(this.#a(e),this.#e=this.#e.filter(t=>t.id!==e),this.#o())}clear(){for(let e of this.#r.keys())this.#a(e);this.#e=[],this.#o()}subscribe(e){return this.#n.add(e),()=>this.#n.delete(e)}#a(e){let t=this.#r.get(e);t!==void 0&&this.#i.clearTimeout(t),this.#r.delete(e)}#o(){for(let e of this.#n)e(this.#e)}},br=/^[a-z][a-z0-9-]*$/,xr=/^\/[a-z0-9-]+$/;function Sr(e){if(e.length===0)throw Error(`The admin UI needs at least one tab.`);let t=new Set,n=new Set;for(let r of e){if(!br.test(r.id))throw Error(`Tab id "${r.id}" must be lower-case letters, digits and dashes.`);if(!xr.test(r.path))throw Error(`Tab "${r.id}" path "${r.path}" must look like /name.`);if(!r.label.trim())throw Error(`Tab "${r.id}" needs a label.`);if(t.has(r.id))throw Error(`Two tabs have the id "${r.id}".`);if(n.has(r.path))throw Error(`Two tabs have the path "${r.path}".`);t.add(r.id),n.add(r.path)}return Object.freeze([...e])}function Cr(e,t){let n=t.replace(/\/+$/,``).toLowerCase(),r=e[0];if(!r)throw Error(`The admin UI needs at least one tab.`);return e.find(e=>e.path===n)??r}function wr(e,t,n){if(!(n<=0))switch(e){case`ArrowRight`:return(t+1)%n;case`ArrowLeft`:return(t-1+n)%n;case`Home`:return 0;case`End`:return n-1;default:return}}var V=ue(class extends se{constructor(e){if(super(e),e.type!==S.PROPERTY&&e.type!==S.ATTRIBUTE&&e.type!==S.BOOLEAN_ATTRIBUTE)throw Error("The `live` directive is not allowed on child or event bindings");if(!de(e))throw Error("`live` bindings can only contain a single expression")}render(e){return e}update(e,[t]){if(t===fe||t===u)return t;let n=e.element,r=e.name;if(e.type===S.PROPERTY){if(t===n[r])return fe}else if(e.type===S.BOOLEAN_ATTRIBUTE){if(!!t===n.hasAttribute(r))return fe}else if(e.type===S.ATTRIBUTE&&n.getAttribute(r)===t+``)return fe;return oe(e),t}});function Tr(e){return e.set?e.hint?`•••• set (ends …${e.hint.replace(/^(…|\.\.\.)/,``)})`:`•••• set`:`Not set`}function Er(e){let t=new Map;for(let{path:n,message:r}of e){let e=n.split(`.`)[0]??``;e&&!t.has(e)&&t.set(e,r)}return t}function Dr(e,t){return[...Er(e)].map(([e,n])=>`${t[e]??e}: ${n}`).join(`; `)}function Or(e){let t=[e.help?`${e.id}-help`:``,e.error?`${e.id}-error`:``].filter(Boolean);return t.length?t.join(` `):u}function kr(e,t){return l`<div class="slds-form-element slds-form-element_stacked ${e.error?`slds-has-error`:``}">
    <label class="slds-form-element__label" for=${e.id}
      >${e.required?l`<abbr class="slds-required" title="required">* </abbr>`:u}${e.label}</label
    >
    <div class="slds-form-element__control">${t}</div>
    ${e.help?l`<div class="slds-form-element__help slds-text-color_weak" id="${e.id}-help">${e.help}</div>`:u}
    ${e.error?l`<div class="slds-form-element__help" id="${e.id}-error" data-testid="${e.id}-error">${e.error}</div>`:u}
  </div>`}function Ar(e){return kr(e,l`<input
      id=${e.id}
      name=${e.id}
      class="slds-input"
      type=${e.type??`text`}
      .value=${V(e.value)}
      placeholder=${e.placeholder??u}
      autocomplete=${e.autocomplete??`off`}
      spellcheck="false"
      ?required=${e.required??!1}
      ?disabled=${e.disabled??!1}
      aria-invalid=${e.error?`true`:`false`}
      aria-describedby=${Or(e)}
      data-testid=${e.testId??u}
      @input=${t=>e.onInput(t.target.value)}
    />`)}function jr(e){return kr(e,l`<textarea
      id=${e.id}
      name=${e.id}
      class="slds-textarea pd-secret-textarea"
      rows=${e.rows??3}
      .value=${V(e.value)}
      placeholder=${e.placeholder??u}
      spellcheck="false"
      autocomplete="off"
      ?disabled=${e.disabled??!1}
      aria-invalid=${e.error?`true`:`false`}
      aria-describedby=${Or(e)}
      data-testid=${e.testId??u}
      @input=${t=>e.onInput(t.target.value)}
    ></textarea>`)}var Mr=`Write-only: the saved value is never shown. Leave empty to keep it.`;function Nr(e){let t={...e,help:e.help??(e.state.set?Mr:void 0)},n=t=>e.onInput(t.target.value);return kr(t,e.multiline?l`<textarea
        id=${e.id}
        name=${e.id}
        class="slds-textarea pd-secret-textarea"
        rows="4"
        .value=${V(e.value)}
        placeholder=${Tr(e.state)}
        spellcheck="false"
        autocomplete="off"
        ?disabled=${e.disabled??!1}
        aria-invalid=${e.error?`true`:`false`}
        aria-describedby=${Or(t)}
        data-testid=${e.testId??u}
        @input=${n}
      ></textarea>`:l`<input
        id=${e.id}
        name=${e.id}
        class="slds-input"
        type="password"
        .value=${V(e.value)}
        placeholder=${Tr(e.state)}
        autocomplete="new-password"
        spellcheck="false"
        ?disabled=${e.disabled??!1}
        aria-invalid=${e.error?`true`:`false`}
        aria-describedby=${Or(t)}
        data-testid=${e.testId??u}
        @input=${n}
      />`)}function Pr(e){return l`<fieldset class="slds-form-element slds-form-element_stacked ${e.error?`slds-has-error`:``}" data-testid=${e.id}>
    <legend class="slds-form-element__legend slds-form-element__label">${e.legend}</legend>
    <div class="slds-form-element__control">
      ${e.options.map(t=>l`<span class="slds-radio">
            <input
              type="radio"
              id="${e.id}-${t.value}"
              name=${e.id}
              value=${t.value}
              .checked=${V(t.value===e.selected)}
              ?disabled=${e.disabled??!1}
              @change=${()=>e.onChange(t.value)}
            />
            <label class="slds-radio__label" for="${e.id}-${t.value}"
              ><span class="slds-radio_faux"></span><span class="slds-form-element__label">${t.label}</span></label
            >
          </span>`)}
    </div>
    ${e.error?l`<div class="slds-form-element__help" id="${e.id}-error">${e.error}</div>`:u}
  </fieldset>`}var Fr=class{host;options;#e=new Map;#t=!1;#n;constructor(e,t){this.host=e,this.options=t,e.addController(this),this.#n=new k(e,{context:B})}error(e){return this.#e.get(e)}clear(e){this.#e.has(e)&&(this.#e=new Map(this.#e),this.#e.delete(e),this.host.requestUpdate())}saved(e={variant:`success`,title:`${this.options.subject} saved`}){this.#e=new Map,this.#t=!0,this.#n.value?.show({...e,message:e.message??this.options.savedMessage}),this.host.requestUpdate()}failed(e){let t=e instanceof b?e.fieldErrors:[];this.#e=Er(t),this.#n.value?.show({variant:`error`,title:`${this.options.subject} not saved`,message:t.length?Dr(t,this.options.labels):x(e)}),this.#t=!0,this.host.requestUpdate()}hostUpdated(){if(!this.#t||this.options.isSaving())return;this.#t=!1;let e=this.host;(e.querySelector(`[aria-invalid="true"]`)??e.querySelector(this.options.saveButtonSelector))?.focus()}},Ir={success:`slds-theme_success`,error:`slds-theme_error`,warning:`slds-theme_warning`,neutral:``};function H(e){let t=e.tone===`success`||e.tone===`error`;return l`<span class="slds-badge ${Ir[e.tone]}" data-tone=${e.tone}>
    <span class="slds-badge__icon slds-badge__icon_left ${t?`slds-badge__icon_inverse`:``}"
      ><span class="slds-icon_container slds-current-color">${E(`utility`,e.icon,`slds-icon slds-icon_xx-small`)}</span></span
    >${e.label}</span
  >`}var Lr=class extends o{static properties={result:{attribute:!1},failure:{},pending:{type:Boolean}};constructor(){super(),this.result=void 0,this.failure=void 0,this.pending=!1}createRenderRoot(){return this}renderContent(){if(this.pending)return l`<span class="slds-text-color_weak">Testing…</span>`;if(this.failure)return l`<p class="pd-test-result__line slds-text-color_error" data-tone="error">
        ${T(`error`,`slds-icon slds-icon_x-small slds-icon-text-error`)}<span>${this.failure}</span>
      </p>`;let e=this.result;return e?e.ok?l`<p class="pd-test-result__line slds-text-color_success" data-tone="success">
        ${T(`success`,`slds-icon slds-icon_x-small slds-icon-text-success`)}<strong>Connection OK</strong>
        ${e.message===`Connection OK`?u:l`<span class="slds-text-color_default">${e.message}</span>`}
      </p>`:l`<p class="pd-test-result__line slds-text-color_error" data-tone="error">
        ${T(`error`,`slds-icon slds-icon_x-small slds-icon-text-error`)}<strong>${e.message}</strong>
      </p>
      ${e.hint?l`<p class="pd-test-result__hint">${e.hint}</p>`:u}`:u}render(){return l`<div class="pd-test-result" role="status">${this.renderContent()}</div>`}};customElements.define(`pd-test-result`,Lr);function Rr(e){let t={pending:!1,result:void 0,failure:void 0};return e.render({initial:()=>t,pending:()=>({...t,pending:!0}),complete:e=>({...t,result:e}),error:e=>({...t,failure:x(e)})})}var zr={apiUrl:`API base URL`,apiKey:`REST API key`,fromEmail:`Integration user email`,customHeaders:`Custom headers`};function Br(e){return{apiUrl:e.apiUrl,fromEmail:e.fromEmail??``,apiKey:``,customHeaders:``,replaceHeaders:!1}}function Vr(e){let t=e.apiKey.trim(),n=e.fromEmail.trim();return{apiUrl:e.apiUrl.trim(),fromEmail:n||null,...t?{apiKey:t}:{},...e.replaceHeaders?{customHeaders:e.customHeaders}:{}}}function Hr(e,t){return e.apiKey.trim()!==``||e.apiUrl.trim()!==t.apiUrl||(e.fromEmail.trim()||null)!==t.fromEmail||e.replaceHeaders&&(e.customHeaders.trim()!==``||t.customHeaders.length>0)}function Ur(e){let t=e.value.hint?.replace(/^(…|\.\.\.)/,``);return`${e.name}: ••••${t?` (ends …${t})`:``}`}var Wr={PagerDuty:{what:`key`,reasons:new Set([`invalid_key`,`read_only_key`,`forbidden`])},Salesforce:{what:`login`,reasons:new Set([`invalid_login`,`invalid_grant`,`invalid_client`,`security_token_required`,`password_expired`,`api_disabled`])}};function Gr(e,t){if(t.ok)return{tone:`success`,toastTitle:`${e} settings saved`,headline:`Saved: connection OK.`};let n=Wr[e],r=t.reason!==void 0&&n.reasons.has(t.reason)?`Saved, but ${e} refused the ${n.what}: ${t.message}`:`Saved, but the connection does not work: ${t.message}`;return{tone:`warning`,toastTitle:`${e} settings saved, but they do not work`,headline:r,...t.hint?{hint:t.hint}:{}}}function Kr(e,t){return t?t.tone===`success`?l`<p class="pd-save-check pd-save-check_success slds-text-color_success" role="status" data-testid=${e} data-tone="success">
      ${T(`success`,`slds-icon slds-icon_x-small slds-icon-text-success`)}<span>${t.headline}</span>
    </p>`:l`<div class="slds-scoped-notification slds-media slds-theme_warning pd-save-check" role="status" data-testid=${e} data-tone="warning">
    <div class="slds-media__figure">${T(`warning`,`slds-icon slds-icon_x-small slds-icon-text-default`)}</div>
    <div class="slds-media__body">
      <p><strong>${t.headline}</strong></p>
      ${t.hint?l`<p class="slds-m-top_xx-small">${t.hint}</p>`:u}
    </div>
  </div>`:u}var qr=class extends o{static properties={connection:{attribute:!1},draft:{state:!0},saveCheck:{state:!0}};api=new k(this,{context:R});saveTask=new y(this,{autoRun:!1,task:async([e])=>this.client().updatePagerDutyConnection(e),onComplete:e=>this.handleSaved(e),onError:e=>this.feedback.failed(e)});feedback=new Fr(this,{subject:`PagerDuty settings`,savedMessage:`Connection OK: PagerDuty accepts the key.`,labels:zr,saveButtonSelector:`[data-testid=pagerduty-save]`,isSaving:()=>this.saveTask.status===v.PENDING});connectionTest=new y(this,{autoRun:!1,task:async()=>this.client().testPagerDutyConnection()});userTest=new y(this,{autoRun:!1,task:async()=>this.client().testPagerDutyUser()});constructor(){super(),this.connection=void 0,this.draft={apiUrl:``,fromEmail:``,apiKey:``,customHeaders:``,replaceHeaders:!1},this.saveCheck=void 0}createRenderRoot(){return this}willUpdate(e){e.has(`connection`)&&this.connection&&(this.draft=Br(this.connection))}client(){return z(this.api)}edit(e,t){this.draft={...this.draft,[e]:t,...e===`customHeaders`?{replaceHeaders:!0}:{}},this.feedback.clear(e)}handleRemoveHeaders=()=>{this.draft={...this.draft,customHeaders:``,replaceHeaders:!0},this.feedback.clear(`customHeaders`)};handleKeepHeaders=()=>{this.draft={...this.draft,customHeaders:``,replaceHeaders:!1},this.feedback.clear(`customHeaders`)};renderCustomHeaders(e,t){let n=e.customHeaders,r=this.draft.replaceHeaders&&this.draft.customHeaders.trim()===``&&n.length>0,i=n.length?l`<div class="pd-custom-headers__saved" data-testid="pd-custom-headers-saved">
          <span class="slds-text-body_small slds-text-color_weak"
            >${r?`Removed when you save:`:this.draft.replaceHeaders?`Replaced when you save:`:`Saved:`}</span
          >
          <ul class="slds-text-body_small">
            ${n.map(e=>l`<li class=${this.draft.replaceHeaders?`pd-custom-headers__replaced`:``}>${Ur(e)}</li>`)}
          </ul>
          ${this.draft.replaceHeaders?l`<button class="slds-button" type="button" ?disabled=${t} @click=${this.handleKeepHeaders}>Keep the saved headers</button>`:l`<button class="slds-button slds-button_text-destructive" type="button" ?disabled=${t} @click=${this.handleRemoveHeaders}>
                  Remove all headers
                </button>`}
        </div>`:u;return l`${jr({id:`pd-custom-headers`,label:zr.customHeaders,value:this.draft.customHeaders,placeholder:n.length?`Type every header here to replace the saved ones`:`X-Api-Gateway-Key: value`,help:`Sent on every PagerDuty REST call, e.g. for an API gateway: one Name: value per line. Values are write-only, like the key.`,error:this.feedback.error(`customHeaders`),disabled:t,onInput:e=>this.edit(`customHeaders`,e)})}${i}`}renderApiUrlWarning(e){return e.apiUrlWarning?l`<div class="slds-scoped-notification slds-media slds-theme_warning pd-save-check" role="status" data-testid="pagerduty-api-url-warning">
      <div class="slds-media__figure">${T(`warning`,`slds-icon slds-icon_x-small slds-icon-text-default`)}</div>
      <div class="slds-media__body"><p>${e.apiUrlWarning}</p></div>
    </div>`:u}handleSubmit=e=>{e.preventDefault(),this.saveTask.status!==v.PENDING&&(this.saveCheck=void 0,this.saveTask.run([Vr(this.draft)]))};handleSaved({test:e,...t}){this.connection=t,this.saveCheck=Gr(`PagerDuty`,e),this.feedback.saved(e.ok?void 0:{variant:`warning`,title:this.saveCheck.toastTitle,message:e.message})}runConnectionTest=()=>{this.saveCheck=void 0,this.connectionTest.run()};renderTest(e,t,n,r){let i=Rr(t);return l`<div class="pd-connection-card__test">
      <button class="slds-button slds-button_outline-brand" type="button" aria-busy=${i.pending?`true`:`false`} @click=${r}>
        ${O(`connected_apps`)}${e}
      </button>
      <pd-test-result data-testid=${n} ?pending=${i.pending} .result=${i.result} .failure=${i.failure}></pd-test-result>
    </div>`}render(){let e=this.connection;if(!e)return u;let t=this.saveTask.status===v.PENDING,n=Hr(this.draft,e);return l`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="pagerduty-card-title" data-testid="pagerduty-connection-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`incident`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="pagerduty-card-title">PagerDuty</h2>
          </div>
          <div class="slds-no-flex">
            ${H(e.configured?{tone:`neutral`,icon:`success`,label:`Key saved`}:{tone:`neutral`,icon:`info`,label:`Not configured`})}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${Ar({id:`pd-api-url`,label:zr.apiUrl,type:`url`,value:this.draft.apiUrl,error:this.feedback.error(`apiUrl`),help:`https://api.pagerduty.com, or https://api.eu.pagerduty.com for EU accounts.`,required:!0,disabled:t,onInput:e=>this.edit(`apiUrl`,e)})}
          ${this.renderApiUrlWarning(e)}
          ${Nr({id:`pd-api-key`,label:zr.apiKey,value:this.draft.apiKey,state:e.apiKey,error:this.feedback.error(`apiKey`),required:!0,disabled:t,onInput:e=>this.edit(`apiKey`,e)})}
          ${Ar({id:`pd-from-email`,label:zr.fromEmail,type:`email`,autocomplete:`email`,value:this.draft.fromEmail,error:this.feedback.error(`fromEmail`),help:`An existing PagerDuty user; incidents are written on their behalf (the From header).`,disabled:t,onInput:e=>this.edit(`fromEmail`,e)})}
          ${this.renderCustomHeaders(e,t)}
          <div class="pd-connection-card__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${t} data-testid="pagerduty-save">${t?`Saving…`:`Save`}</button>
            ${Kr(`pagerduty-save-check`,this.saveCheck)}
          </div>
        </form>
        <div class="pd-connection-card__tests">
          <h3 class="slds-text-title_caps" id="pagerduty-tests-title">Tests</h3>
          <p class="slds-text-body_small slds-text-color_weak pd-connection-card__note">
            ${n?`Tests use the saved settings: save your changes first.`:`Tests use the saved settings.`}
          </p>
          ${this.renderTest(`Test REST API connection`,this.connectionTest,`test-result-pagerduty`,this.runConnectionTest)}
          ${this.renderTest(`Test integration user`,this.userTest,`test-result-integration-user`,()=>void this.userTest.run())}
        </div>
      </div>
    </article>`}};customElements.define(`pd-pagerduty-connection-card`,qr);var Jr=[{value:`password`,label:`Username + password + security token`},{value:`client_credentials`,label:`OAuth client credentials`},{value:`jwt`,label:`JWT bearer`},{value:`sfdx`,label:`sf CLI org alias`}],Yr=[{value:`production`,label:`Production`},{value:`sandbox`,label:`Sandbox`},{value:`custom`,label:`Custom (My Domain)`}],Xr={production:`https://login.salesforce.com`,sandbox:`https://test.salesforce.com`},Zr={authMode:`Authentication`,environment:`Environment`,loginUrl:`Login URL`,username:`Username`,clientId:`Consumer key (client id)`,alias:`Org alias or username`,apiVersion:`API version`,password:`Password`,securityToken:`Security token`,clientSecret:`Consumer secret`,privateKey:`Private key (PEM)`},Qr={password:[`username`,`password`,`securityToken`],client_credentials:[`clientId`,`clientSecret`],jwt:[`clientId`,`username`,`privateKey`],sfdx:[`alias`]};function $r(e){return e!==`sfdx`}function ei(e){return Qr[e]}function ti(e){return e.environment===`custom`?e.loginUrl.trim():Xr[e.environment]}function ni(e){return{authMode:e.authMode,environment:e.environment,loginUrl:e.environment===`custom`?e.loginUrl:``,username:e.username??``,clientId:e.clientId??``,alias:e.alias??``,apiVersion:e.apiVersion,password:``,securityToken:``,clientSecret:``,privateKey:``}}var ri=[`password`,`securityToken`,`clientSecret`,`privateKey`],ii=[`username`,`clientId`,`alias`];function ai(e){let t=new Set(ei(e.authMode)),n={authMode:e.authMode,apiVersion:e.apiVersion.trim()};$r(e.authMode)&&(n.environment=e.environment,e.environment===`custom`&&(n.loginUrl=e.loginUrl.trim()));for(let r of ii)t.has(r)&&(n[r]=e[r].trim()||null);for(let r of ri){let i=r===`privateKey`?e[r]:e[r].trim();t.has(r)&&i.trim()&&(n[r]=i)}return n}function oi(e,t){let n=ni(t);return e.authMode!==n.authMode||e.apiVersion.trim()!==n.apiVersion||$r(e.authMode)&&ti(e)!==t.loginUrl.replace(/\/$/,``)?!0:ei(e.authMode).some(t=>e[t].trim()!==n[t])}var si={username:`The Salesforce user the sync acts as, e.g. integration@acme.com.`,securityToken:`Not needed when this server’s IP address is in the org’s trusted IP ranges.`,clientId:`From the connected app (Setup › App Manager › View).`,alias:`An org already authorized on this machine with sf org login.`},ci=class extends o{static properties={connection:{attribute:!1},draft:{state:!0},saveCheck:{state:!0}};api=new k(this,{context:R});saveTask=new y(this,{autoRun:!1,task:async([e])=>this.client().updateSalesforceConnection(e),onComplete:e=>this.handleSaved(e),onError:e=>this.feedback.failed(e)});feedback=new Fr(this,{subject:`Salesforce settings`,savedMessage:`Connection OK: Salesforce accepts the login.`,labels:Zr,saveButtonSelector:`[data-testid=salesforce-save]`,isSaving:()=>this.saveTask.status===v.PENDING});authTest=new y(this,{autoRun:!1,task:async()=>this.client().testSalesforceConnection()});constructor(){super(),this.connection=void 0,this.draft=void 0,this.saveCheck=void 0}createRenderRoot(){return this}willUpdate(e){e.has(`connection`)&&this.connection&&(this.draft=ni(this.connection))}client(){return z(this.api)}edit(e,t){this.draft&&(this.draft={...this.draft,[e]:t},this.feedback.clear(e))}handleSubmit=e=>{e.preventDefault(),this.draft&&this.saveTask.status!==v.PENDING&&(this.saveCheck=void 0,this.saveTask.run([ai(this.draft)]))};handleSaved({test:e,...t}){this.connection=t,this.saveCheck=Gr(`Salesforce`,e),this.feedback.saved(e.ok?void 0:{variant:`warning`,title:this.saveCheck.toastTitle,message:e.message})}runAuthTest=()=>{this.saveCheck=void 0,this.authTest.run()};renderCredential(e,t,n,r){let i={id:`sf-${e.replace(/[A-Z]/g,e=>`-${e.toLowerCase()}`)}`,label:Zr[e],value:n[e],error:this.feedback.error(e),help:si[e],disabled:r,onInput:t=>this.edit(e,t)};switch(e){case`password`:case`securityToken`:case`clientSecret`:return Nr({...i,state:t[e],required:e!==`securityToken`});case`privateKey`:return Nr({...i,state:t.privateKey,multiline:!0,required:!0});default:return Ar({...i,required:!0,autocomplete:e===`username`?`username`:`off`})}}renderLoginHost(e,t){return l`${Pr({id:`sf-environment`,legend:Zr.environment,options:Yr,selected:e.environment,error:this.feedback.error(`environment`),disabled:t,onChange:e=>this.edit(`environment`,e)})}
    ${e.environment===`custom`?Ar({id:`sf-login-url`,label:Zr.loginUrl,type:`url`,value:e.loginUrl,placeholder:`https://mycompany.my.salesforce.com`,error:this.feedback.error(`loginUrl`),help:`Your My Domain URL (Setup › My Domain). OAuth client credentials need it.`,required:!0,disabled:t,onInput:e=>this.edit(`loginUrl`,e)}):l`<div class="slds-form-element slds-form-element_stacked">
            <span class="slds-form-element__label">${Zr.loginUrl}</span>
            <div class="slds-form-element__control">
              <div class="slds-form-element__static" data-testid="sf-login-url-static">${Xr[e.environment]}</div>
            </div>
          </div>`}`}render(){let e=this.connection,t=this.draft;if(!e||!t)return u;let n=this.saveTask.status===v.PENDING,r=oi(t,e),i=Rr(this.authTest);return l`<article
      class="slds-card slds-card_boundary pd-connection-card"
      aria-labelledby="salesforce-card-title"
      data-testid="salesforce-connection-card"
    >
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`connected_apps`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="salesforce-card-title">Salesforce</h2>
          </div>
          <div class="slds-no-flex">
            ${H(e.configured?{tone:`neutral`,icon:`success`,label:`Credentials saved`}:{tone:`neutral`,icon:`info`,label:`Not configured`})}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${Pr({id:`sf-auth-mode`,legend:Zr.authMode,options:Jr,selected:t.authMode,error:this.feedback.error(`authMode`),disabled:n,onChange:e=>this.edit(`authMode`,e)})}
          ${$r(t.authMode)?this.renderLoginHost(t,n):u}
          ${ei(t.authMode).map(r=>this.renderCredential(r,e,t,n))}
          ${Ar({id:`sf-api-version`,label:Zr.apiVersion,value:t.apiVersion,placeholder:`62.0`,error:this.feedback.error(`apiVersion`),required:!0,disabled:n,onInput:e=>this.edit(`apiVersion`,e)})}
          <div class="pd-connection-card__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${n} data-testid="salesforce-save">
              ${n?`Saving…`:`Save`}
            </button>
            ${Kr(`salesforce-save-check`,this.saveCheck)}
          </div>
        </form>
        <div class="pd-connection-card__tests">
          <h3 class="slds-text-title_caps" id="salesforce-tests-title">Tests</h3>
          <p class="slds-text-body_small slds-text-color_weak pd-connection-card__note">
            ${r?`Tests use the saved settings: save your changes first.`:`Tests use the saved settings.`}
          </p>
          <div class="pd-connection-card__test">
            <button class="slds-button slds-button_outline-brand" type="button" aria-busy=${i.pending?`true`:`false`} @click=${this.runAuthTest}>
              ${O(`connected_apps`)}Test Salesforce authentication
            </button>
            <pd-test-result data-testid="test-result-salesforce" ?pending=${i.pending} .result=${i.result} .failure=${i.failure}></pd-test-result>
          </div>
        </div>
      </div>
    </article>`}};customElements.define(`pd-salesforce-connection-card`,ci);var li=class{api;constructor(e){this.api=e}webhooks(e){return this.api.call({...nt.getWebhooks,path:`${nt.getWebhooks.path}?refresh=1`},{signal:e})}provision(){return this.api.call(nt.provisionWebhooks)}repair(){return this.api.call(nt.repairWebhooks)}};function ui(e){switch(e){case`enabled`:return{tone:`success`,icon:`success`,label:`Webhook enabled`};case`disabled`:return{tone:`error`,icon:`error`,label:`Webhook not delivering`};case`unknown`:return{tone:`warning`,icon:`warning`,label:`State unknown`};case`not_provisioned`:return{tone:`neutral`,icon:`info`,label:`Not provisioned`}}}function di(e){switch(e){case`enabled`:return{tone:`success`,icon:`success`,label:`Enabled`};case`disabled`:return{tone:`error`,icon:`error`,label:`Disabled`};case`missing`:return{tone:`error`,icon:`error`,label:`Deleted in PagerDuty`};case`unknown`:return{tone:`warning`,icon:`warning`,label:`Unknown`}}}function fi(e){return e.state===`disabled`?`repair`:`provision`}function pi(e){return e.scope===`account`||!e.serviceId?`All services`:e.serviceName?`${e.serviceName} (${e.serviceId})`:e.serviceId}var mi=class extends o{api=new k(this,{context:R});toasts=new k(this,{context:B});latest;stateTask=new y(this,{task:async(e,{signal:t})=>(this.latest=await this.webhooksApi().webhooks(t),this.latest),args:()=>[]});changeTask=new y(this,{autoRun:!1,task:async([e])=>e===`provision`?this.webhooksApi().provision():this.webhooksApi().repair(),onComplete:e=>this.handleChanged(e),onError:e=>this.handleChangeFailed(e)});createRenderRoot(){return this}disconnectedCallback(){this.stateTask.abort(),super.disconnectedCallback()}webhooksApi(){return new li(z(this.api))}handleChanged(e){this.latest=e,this.requestUpdate();let t=e.state===`enabled`;this.toasts.value?.show({variant:t?`success`:`warning`,title:t?`Webhook ready`:`Webhook still not delivering`,message:e.message})}handleChangeFailed(e){this.toasts.value?.show({variant:`error`,title:`Webhook not changed`,message:x(e)})}run(e){this.changeTask.status!==v.PENDING&&this.changeTask.run([e])}renderActions(e){let t=this.changeTask.status===v.PENDING,n=e?fi(e):`provision`,r=(e,r,i)=>l`<button
        class="slds-button ${n===e?`slds-button_brand`:`slds-button_neutral`}"
        type="button"
        data-testid="webhook-${e}"
        aria-busy=${t?`true`:`false`}
        @click=${()=>this.run(e)}
      >
        ${O(i)}${r}
      </button>`;return l`<div class="pd-webhook-card__actions slds-button-group" role="group">
      ${r(`provision`,`Provision webhook`,`connected_apps`)} ${r(`repair`,`Repair`,`refresh`)}
    </div>`}renderReply(e){return l`<p class="slds-m-bottom_x-small" data-testid="webhook-message">${e.message}</p>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">Delivery URL: <code class="pd-webhook-card__url">${e.deliveryUrl}</code></p>
      ${e.subscriptions.length===0?u:l`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="Webhook subscriptions">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Scope</div></th>
                  <th scope="col"><div class="slds-truncate">State</div></th>
                  <th scope="col"><div class="slds-truncate">Details</div></th>
                  <th scope="col"><div class="slds-truncate">Subscription</div></th>
                </tr>
              </thead>
              <tbody>
                ${e.subscriptions.map(e=>l`<tr data-testid="webhook-subscription-row">
                      <th scope="row">${pi(e)}</th>
                      <td>${H(di(e.state))}</td>
                      <td class="slds-cell-wrap">${e.message}</td>
                      <td><code>${e.id}</code></td>
                    </tr>`)}
              </tbody>
            </table>`}`}render(){let e=this.changeTask.status===v.PENDING,t=this.stateTask.render({initial:()=>l`<p class="slds-text-color_weak">Asking PagerDuty…</p>`,pending:()=>this.latest?this.renderReply(this.latest):l`<p class="slds-text-color_weak">Asking PagerDuty…</p>`,complete:e=>this.renderReply(this.latest??e),error:e=>l`<div class="slds-scoped-notification slds-theme_error" role="alert">
          <p>Could not read the webhook state. ${x(e)}</p>
          <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${()=>void this.stateTask.run()}>Try again</button>
        </div>`});return l`<article class="slds-card slds-card_boundary pd-webhook-card" aria-labelledby="webhook-card-title" data-testid="webhook-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`event`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="webhook-card-title">PagerDuty webhook</h2>
          </div>
          <div class="slds-no-flex" data-testid="webhook-state">${this.latest?H(ui(this.latest.state)):u}</div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner pd-webhook-card__body" aria-busy=${e?`true`:`false`}>
        <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_x-small">
          The app subscribes itself to incident changes of the services your rules use (all services when no rule names one) and keeps the signing secret
          encrypted. Provision again after changing the rules; Repair re-enables a subscription PagerDuty disabled after failed deliveries.
        </p>
        ${t} ${this.renderActions(this.latest)}
      </div>
    </article>`}};customElements.define(`pd-webhook-subscription-card`,mi);var hi={consumerSecret:`Consumer secret`,allowedOrgIds:`Allowed Salesforce org ids`,frameAncestors:`Salesforce domains that may frame the console`,allowedProfileIds:`Salesforce profiles that may use the console`,agentActions:`Actions agents may take`},gi={createIncident:`Create an incident`,linkIncident:`Link to an existing incident`,unlinkIncident:`Unlink an incident`,addNote:`Add a note`,reassign:`Reassign`,changePriority:`Change priority`,changeUrgency:`Change urgency`,addResponders:`Add responders`,postStatusUpdate:`Post a status update`,startWorkflow:`Start an incident workflow`,resolve:`Resolve with a note`};function _i(e){return{consumerSecret:``,allowedOrgIds:e.allowedOrgIds.join(`
`),frameAncestors:e.frameAncestors.join(`
`),allowedProfileIds:e.allowedProfileIds.join(`
`),agentActions:[...e.agentActions]}}var vi=e=>e.split(/[\n,]/).map(e=>e.trim()).filter(Boolean);function yi(e){let t=e.consumerSecret.trim();return{...t?{consumerSecret:t}:{},allowedOrgIds:vi(e.allowedOrgIds),frameAncestors:vi(e.frameAncestors),allowedProfileIds:vi(e.allowedProfileIds),agentActions:ge.filter(t=>e.agentActions.includes(t))}}var bi=l`<div class="slds-spinner_container">
  <div class="slds-spinner slds-spinner_small" role="status">
    <span class="slds-assistive-text">Loading the Canvas app settings</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>
</div>`,xi=class extends o{static properties={draft:{state:!0}};view;api=new k(this,{context:R});loadTask=new y(this,{task:async(e,{signal:t})=>{let n=await this.client().call(ae.getCanvasConnection,{signal:t});return this.show(n),n},args:()=>[]});saveTask=new y(this,{autoRun:!1,task:async([e])=>this.client().call(ae.updateCanvasConnection,{body:e}),onComplete:e=>{this.show(e),this.feedback.saved()},onError:e=>this.feedback.failed(e)});feedback=new Fr(this,{subject:`Canvas app settings`,savedMessage:`Agents opening the console from Salesforce get these settings on their next request.`,labels:hi,saveButtonSelector:`[data-testid=canvas-save]`,isSaving:()=>this.saveTask.status===v.PENDING});constructor(){super(),this.draft=void 0}createRenderRoot(){return this}client(){return z(this.api)}show(e){this.view=e,this.draft=_i(e)}edit(e,t){this.draft&&(this.draft={...this.draft,[e]:t},this.feedback.clear(e))}toggleAction(e,t){if(!this.draft)return;let n=this.draft.agentActions.filter(t=>t!==e);this.draft={...this.draft,agentActions:t?[...n,e]:n}}handleSubmit=e=>{e.preventDefault(),this.draft&&this.saveTask.status!==v.PENDING&&this.saveTask.run([yi(this.draft)])};renderForm(e,t){let n=this.saveTask.status===v.PENDING,r=(e,r,i)=>jr({id:`canvas-${e}`,label:hi[e],value:t[e],placeholder:r,help:i,error:this.feedback.error(e),disabled:n,onInput:t=>this.edit(e,t)});return l`<form novalidate @submit=${this.handleSubmit}>
      ${Nr({id:`canvas-consumer-secret`,label:hi.consumerSecret,value:t.consumerSecret,state:e.consumerSecret,error:this.feedback.error(`consumerSecret`),help:`From the connected app with Canvas enabled (Setup → App Manager → View → Consumer Secret). It signs every Canvas request.`,required:!0,disabled:n,onInput:e=>this.edit(`consumerSecret`,e)})}
      ${r(`allowedOrgIds`,`00D5e000000XXXXEAA`,`One per line. Empty: only the org of the Salesforce connection on this tab.`)}
      ${r(`frameAncestors`,`https://acme.lightning.force.com`,`One https origin per line, besides the org’s own that each request names.`)}
      ${r(`allowedProfileIds`,`00e5e000000XXXXAAA`,`One profile id per line. Empty: every profile.`)}
      <fieldset class="slds-form-element slds-m-bottom_small">
        <legend class="slds-form-element__legend slds-form-element__label">${hi.agentActions}</legend>
        <div class="slds-form-element__control">
          ${ge.map(e=>l`<div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="canvas-action-${e}"
                  .checked=${t.agentActions.includes(e)}
                  ?disabled=${n}
                  @change=${t=>this.toggleAction(e,t.target.checked)}
                />
                <label class="slds-checkbox__label" for="canvas-action-${e}"
                  ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${gi[e]}</span></label
                >
              </div>`)}
        </div>
      </fieldset>
      <div class="pd-connection-card__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${n} data-testid="canvas-save">${n?`Saving…`:`Save`}</button>
      </div>
    </form>`}render(){let e=this.view?.configured??!1,t=this.loadTask.render({initial:()=>bi,pending:()=>this.view&&this.draft?this.renderForm(this.view,this.draft):bi,error:e=>l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
          <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
          <div class="slds-media__body">
            <p>Could not load the Canvas app settings. ${x(e)}</p>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${()=>void this.loadTask.run()}>Try again</button>
          </div>
        </div>`,complete:e=>this.draft?this.renderForm(this.view??e,this.draft):``});return l`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="canvas-card-title" data-testid="canvas-app-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`canvas`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="canvas-card-title">Salesforce Canvas app (agents’ console)</h2>
          </div>
          <div class="slds-no-flex">
            ${H(e?{tone:`neutral`,icon:`success`,label:`Secret saved`}:{tone:`neutral`,icon:`info`,label:`Not configured`})}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">${t}</div>
    </article>`}};customElements.define(`pd-canvas-app-card`,xi);var Si={eventsApiUrl:`Events API URL`,routingKey:`Routing key (Events API v2 integration key)`};function Ci(e){return{eventsApiUrl:e.eventsApiUrl,routingKey:``,removeRoutingKey:!1}}function wi(e){let t=e.routingKey.trim();return{eventsApiUrl:e.eventsApiUrl.trim(),...e.removeRoutingKey?{routingKey:``}:t?{routingKey:t}:{}}}var Ti=l`<div class="slds-spinner_container">
  <div class="slds-spinner slds-spinner_small" role="status">
    <span class="slds-assistive-text">Loading the alert settings</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>
</div>`,Ei=class extends o{static properties={draft:{state:!0}};view;api=new k(this,{context:R});loadTask=new y(this,{task:async(e,{signal:t})=>{let n=await this.client().call(Me.getSelfAlertConnection,{signal:t});return this.show(n),n},args:()=>[]});saveTask=new y(this,{autoRun:!1,task:async([e])=>this.client().call(Me.updateSelfAlertConnection,{body:e}),onComplete:e=>{this.show(e),this.feedback.saved()},onError:e=>this.feedback.failed(e)});feedback=new Fr(this,{subject:`Alert settings`,savedMessage:`Problems still waiting to be paged are sent now.`,labels:Si,saveButtonSelector:`[data-testid=self-alerts-save]`,isSaving:()=>this.saveTask.status===v.PENDING});constructor(){super(),this.draft=void 0}createRenderRoot(){return this}client(){return z(this.api)}show(e){this.view=e,this.draft=Ci(e)}edit(e,t){this.draft&&(this.draft={...this.draft,[e]:t},this.feedback.clear(e))}handleSubmit=e=>{e.preventDefault(),this.draft&&this.saveTask.status!==v.PENDING&&this.saveTask.run([wi(this.draft)])};renderForm(e,t){let n=this.saveTask.status===v.PENDING;return l`<form novalidate @submit=${this.handleSubmit}>
      <p class="slds-m-bottom_small slds-text-color_weak">
        The connector raises one PagerDuty alert per problem and resolves it when the problem clears, through the Events API, not the REST key.
      </p>
      ${Nr({id:`self-alerts-routing-key`,label:Si.routingKey,value:t.routingKey,state:e.routingKey,error:this.feedback.error(`routingKey`),help:`PagerDuty › the service to page › Integrations › Add an integration › Events API V2 › Integration Key (32 characters).`,disabled:n||t.removeRoutingKey,testId:`self-alerts-routing-key`,onInput:e=>this.edit(`routingKey`,e)})}
      ${e.routingKey.set?l`<div class="slds-checkbox slds-m-bottom_small">
              <input
                type="checkbox"
                id="self-alerts-remove-key"
                .checked=${t.removeRoutingKey}
                ?disabled=${n}
                @change=${e=>{this.draft={...t,removeRoutingKey:e.target.checked}}}
              />
              <label class="slds-checkbox__label" for="self-alerts-remove-key"
                ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">Remove the routing key (stop paging)</span></label
              >
            </div>`:``}
      ${Ar({id:`self-alerts-events-url`,label:Si.eventsApiUrl,value:t.eventsApiUrl,type:`url`,help:`https://events.pagerduty.com, or events.eu.pagerduty.com for an EU account.`,error:this.feedback.error(`eventsApiUrl`),disabled:n,testId:`self-alerts-events-url`,onInput:e=>this.edit(`eventsApiUrl`,e)})}
      <div class="pd-connection-card__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${n} data-testid="self-alerts-save">${n?`Saving…`:`Save`}</button>
      </div>
    </form>`}render(){let e=this.view?.configured??!1,t=this.loadTask.render({initial:()=>Ti,pending:()=>this.view&&this.draft?this.renderForm(this.view,this.draft):Ti,error:e=>l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
          <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
          <div class="slds-media__body">
            <p>Could not load the alert settings. ${x(e)}</p>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${()=>void this.loadTask.run()}>Try again</button>
          </div>
        </div>`,complete:e=>this.draft?this.renderForm(this.view??e,this.draft):``});return l`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="self-alerts-card-title" data-testid="self-alerts-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`incident`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="self-alerts-card-title">Alerts about the connector</h2>
          </div>
          <div class="slds-no-flex">
            ${H(e?{tone:`neutral`,icon:`success`,label:`Routing key saved`}:{tone:`neutral`,icon:`info`,label:`Not configured`})}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">${t}</div>
    </article>`}};customElements.define(`pd-self-alerts-card`,Ei);var Di=class extends o{api=new k(this,{context:R});connectionsTask=new y(this,{task:async(e,{signal:t})=>z(this.api).getConnections(t),args:()=>[]});createRenderRoot(){return this}disconnectedCallback(){this.connectionsTask.abort(),super.disconnectedCallback()}renderPlaceholders(e){let t=l`<div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
      <div class="slds-card slds-card_boundary pd-connections__placeholder">
        <div class="slds-spinner_container">
          <div class="slds-spinner slds-spinner_small slds-spinner_brand" role="status">
            <span class="slds-assistive-text">${e}</span>
            <div class="slds-spinner__dot-a"></div>
            <div class="slds-spinner__dot-b"></div>
          </div>
        </div>
      </div>
    </div>`;return l`${t}${t}`}render(){let e=this.connectionsTask.render({initial:()=>this.renderPlaceholders(`Loading the connections`),pending:()=>this.renderPlaceholders(`Loading the connections`),complete:e=>l`
        <div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
          <pd-pagerduty-connection-card .connection=${e.pagerduty}></pd-pagerduty-connection-card>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
          <pd-salesforce-connection-card .connection=${e.salesforce}></pd-salesforce-connection-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-webhook-subscription-card></pd-webhook-subscription-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-self-alerts-card></pd-self-alerts-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-canvas-app-card></pd-canvas-app-card>
        </div>
      `,error:e=>l`<div class="slds-col slds-size_1-of-1">
          <div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
            <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
            <div class="slds-media__body">
              <p>Could not load the connections. ${x(e)}</p>
              <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${()=>void this.connectionsTask.run()}>
                Try again
              </button>
            </div>
          </div>
        </div>`});return l`<div class="pd-connections__header">
        <h2 class="slds-text-heading_medium">Connections</h2>
        <p class="slds-text-body_small slds-text-color_weak">
          Where the sync reads and writes. Secrets are stored encrypted and never shown again; leave a secret empty to keep it.
        </p>
      </div>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small">${e}</div>`}};customElements.define(`pd-connections-tab`,Di);var Oi=class{intervalMs;refresh;#e;#t=()=>{document.hidden||this.refresh()};constructor(e,t,n){this.intervalMs=t,this.refresh=n,e.addController(this)}hostConnected(){this.#e=setInterval(()=>{document.hidden||this.refresh()},this.intervalMs),document.addEventListener(`visibilitychange`,this.#t)}hostDisconnected(){clearInterval(this.#e),document.removeEventListener(`visibilitychange`,this.#t)}},ki=`important`,Ai=` !`+ki,ji=ue(class extends se{constructor(e){if(super(e),e.type!==S.ATTRIBUTE||e.name!==`style`||e.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(e){return Object.keys(e).reduce((t,n)=>{let r=e[n];return r==null?t:t+`${n=n.includes(`-`)?n:n.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,`-$&`).toLowerCase()}:${r};`},``)}update(e,[t]){let{style:n}=e.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(t)),this.render(t);for(let e of this.ft)t[e]??(this.ft.delete(e),e.includes(`-`)?n.removeProperty(e):n[e]=null);for(let e in t){let r=t[e];if(r!=null){this.ft.add(e);let t=typeof r==`string`&&r.endsWith(Ai);e.includes(`-`)||t?n.setProperty(e,t?r.slice(0,-11):r,t?ki:``):n[e]=r}}return fe}}),Mi=`Connection OK`;function Ni(e){return e.ok?{tone:`success`,icon:`success`,label:Mi}:e.configured?{tone:`error`,icon:`error`,label:`Connection failed`}:{tone:`neutral`,icon:`info`,label:`Not configured`}}function Pi(e){return e.message&&e.message!==Mi?e.message:void 0}function Fi(e){switch(e){case`enabled`:return{tone:`success`,icon:`success`,label:`Enabled`};case`disabled`:return{tone:`error`,icon:`error`,label:`Disabled`};case`not_provisioned`:return{tone:`neutral`,icon:`info`,label:`Not provisioned`};case`unknown`:return{tone:`warning`,icon:`warning`,label:`Unknown`}}}var Ii=new Intl.NumberFormat(`en-US`);function U(e){return Ii.format(e)}function Li(e,t){return!(t>0)||!Number.isFinite(e)?0:Math.min(100,Math.max(0,Math.round(e/t*100)))}function Ri(e,t,n){let r=Li(e,t);return{percent:r,label:n,tone:r>=90?`error`:r>=75?`warning`:`success`}}function zi(e){let t=Li(e.used,e.limit);return Ri(e.used,e.limit,`${U(e.used)} of ${U(e.limit)} daily API requests used (${t}%)`)}function Bi(e){return Ri(Math.max(0,e.limit-e.remaining),e.limit,`${U(e.remaining)} of ${U(e.limit)} requests left in the current rate-limit window`)}function Vi(e,t){if(e===null)return`never`;let n=Date.parse(e);if(Number.isNaN(n))return e;let r=Math.round((t.getTime()-n)/1e3);if(r<45)return`just now`;let i=Math.round(r/60);if(i<60)return`${i} min ago`;let a=Math.round(i/60);if(a<24)return`${a} h ago`;let o=Math.round(a/24);return o===1?`1 day ago`:`${o} days ago`}function Hi(e){return e.total===0?`No rulesets yet`:`${U(e.enabled)} of ${U(e.total)} enabled`}var Ui={replay_gap:`Change events missed: replayed and polled`,subscription_failed:`Change event subscription failed`,auth_failure:`Streaming session ended: signed in again`,poll_failed:`Polling Salesforce failed`,not_configured:`Salesforce intake not configured`};function Wi(e){return Ui[e]}var Gi={connection_pagerduty:`PagerDuty connection failing`,connection_salesforce:`Salesforce connection failing`,connection_integration_user:`Integration user check failing`,webhook_disabled:`Webhook subscription disabled`,jobs_dead:`Jobs gone dead`,cdc_replay_lost:`CDC lost its replay position`,salesforce_api_allocation:`Salesforce API allocation above 90 %`};function Ki(e){return Gi[e]??e}function qi(e,t){return e.delivery===`paged`?{tone:`error`,icon:`warning`,label:`Paged`}:t?{tone:`warning`,icon:`warning`,label:`Paging: retrying`}:{tone:`neutral`,icon:`info`,label:`Not paged: no routing key`}}var Ji=15e3,Yi=class extends o{static properties={lastSummary:{state:!0}};api=new k(this,{context:R});polling=new Oi(this,Ji,()=>this.refresh());summaryTask=new y(this,{task:async(e,{signal:t})=>{let n=await z(this.api).getSummary(t);return this.lastSummary=n,n},args:()=>[]});constructor(){super(),this.lastSummary=void 0}createRenderRoot(){return this}disconnectedCallback(){this.summaryTask.abort(),super.disconnectedCallback()}refresh=()=>{this.summaryTask.status!==v.PENDING&&this.summaryTask.run()};handleFixLink=e=>{e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),this.dispatchEvent(new _r(`/connections`)))};handleSyncLogLink=e=>{e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),this.dispatchEvent(new _r(`/sync-log`)))};renderCard(e,t,n,r,i=`third`){return l`<div class="slds-col ${i===`full`?`slds-size_1-of-1`:`slds-size_1-of-1 slds-medium-size_1-of-2 slds-large-size_1-of-3`} pd-summary__cell pd-summary__cell_${i}">
      <article class="slds-card slds-card_boundary pd-summary__card" aria-labelledby="summary-card-${e}" data-testid="summary-card-${e}">
        <div class="slds-card__header slds-grid">
          <header class="slds-media slds-media_center slds-has-flexi-truncate">
            <div class="slds-media__figure">${D(n)}</div>
            <div class="slds-media__body">
              <h2 class="slds-card__header-title" id="summary-card-${e}">${t}</h2>
            </div>
          </header>
        </div>
        <div class="slds-card__body slds-card__body_inner">${r}</div>
      </article>
    </div>`}renderConnection(e,t,n){let r=Ni(t),i=Pi(t);return l`<div class="pd-summary__status" data-testid=${e} data-tone=${r.tone}>
        ${H(r)} ${i?l`<p class="slds-m-top_x-small ${r.tone===`error`?`slds-text-color_error`:``}">${i}</p>`:u}
        ${!t.ok&&t.hint?l`<p class="slds-m-top_xx-small">${t.hint}</p>`:u}
      </div>
      <p class="slds-text-body_small slds-text-color_weak slds-m-top_small">
        <span title=${C(t.checkedAt)}>Checked ${Vi(t.checkedAt,n)}</span>
        ${t.ok?u:l` · <a href="/connections" @click=${this.handleFixLink}>Fix on the CONNECTIONS tab</a>`}
      </p>`}renderBudget(e,t,n){return l`<div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-2" data-testid=${n}>
      <h3 class="slds-text-title_caps slds-m-bottom_x-small">${e}</h3>
      ${t?l`<div
                class="slds-progress-bar slds-progress-bar_medium pd-summary__bar pd-summary__bar_${t.tone}"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${t.percent}
                aria-label="${e} API budget used"
              >
                <span class="slds-progress-bar__value" style=${ji({width:`${t.percent}%`})}
                  ><span class="slds-assistive-text">${t.percent}% used</span></span
                >
              </div>
              <p class="slds-m-top_x-small">${t.label}</p>`:l`<p class="slds-text-color_weak">Not measured yet: known after the first successful call to ${e}.</p>`}
    </div>`}renderSync(e,t){if(!e)return l`<div data-testid="summary-sync-status">
        <p class="slds-text-heading_small">No sync yet</p>
        <p class="slds-text-color_weak slds-m-top_x-small">Times and counts appear here once Cases and incidents start syncing.</p>
      </div>`;let n=(e,t)=>l`<dt class="slds-item_label slds-text-color_weak slds-truncate">${e}</dt>
        <dd class="slds-item_detail">${t}</dd>`,r=e=>e?l`<span title=${C(e)}>${Vi(e,t)}</span>`:`never`;return l`<dl class="slds-list_horizontal slds-wrap" data-testid="summary-sync-status">
      ${n(`Last inbound event`,r(e.lastInboundAt))} ${n(`Last action`,r(e.lastActionAt))}
      ${n(`Events processed (24 h)`,U(e.processed24h))} ${n(`Actions done (24 h)`,U(e.actionsDone24h))}
      ${n(`Actions skipped (24 h)`,e.actionsSkipped24h>0?l`${U(e.actionsSkipped24h)} · <a href="/sync-log" @click=${this.handleSyncLogLink}>Why, on SYNC LOG</a>`:U(e.actionsSkipped24h))}
      ${n(`Failures (24 h)`,l`<span class=${e.failures24h>0?`slds-text-color_error`:``}>${U(e.failures24h)}</span>`)}
      ${n(`Dead jobs`,l`<span class=${e.deadJobs>0?`slds-text-color_error`:``} data-testid="summary-sync-dead">${U(e.deadJobs)}</span>${e.deadJobs>0?l` · <a href="/sync-log" @click=${this.handleSyncLogLink}>Retry on SYNC LOG</a>`:u}`)}
    </dl>`}renderSelfAlerts(e,t){return l`<ul class="slds-has-dividers_bottom-space" data-testid="summary-self-alerts">
        ${e.selfAlerts.map(n=>l`<li class="slds-item" data-testid="summary-self-alert" data-kind=${n.kind}>
              <div class="slds-grid slds-grid_align-spread">
                <span class="slds-text-title_bold">${Ki(n.kind)}</span>
                <span>
                  ${H(qi(n,e.selfAlertsConfigured))}
                  <span class="slds-text-color_weak slds-m-left_x-small" title=${C(n.openedAt)}
                    >since ${Vi(n.openedAt,t)}</span
                  >
                </span>
              </div>
              <p class="slds-m-top_xx-small">${n.summary}</p>
              ${n.lastError?l`<p class="slds-m-top_xx-small slds-text-color_error">${n.lastError}</p>`:u}
            </li>`)}
      </ul>
      <p class="slds-text-color_weak slds-m-top_x-small">
        ${e.selfAlertsConfigured?`Each problem is one PagerDuty alert; it resolves itself when the problem clears.`:l`No routing key is set, so nobody is paged: <a href="/connections" @click=${this.handleFixLink}>set one on the CONNECTIONS tab</a>.`}
      </p>`}renderIntakeNotices(e,t){return l`<ul class="slds-has-dividers_bottom-space" data-testid="summary-intake-notices">
        ${e.map(e=>l`<li class="slds-item">
              <div class="slds-grid slds-grid_align-spread">
                <span class="slds-text-title_bold">${Wi(e.code)}</span>
                <span class="slds-text-color_weak" title=${C(e.at)}>${Vi(e.at,t)}</span>
              </div>
              <p class="slds-m-top_xx-small">${e.message}</p>
            </li>`)}
      </ul>
      <p class="slds-text-color_weak slds-m-top_x-small">Newest first; each stays here for 24 hours.</p>`}renderCards(e){let t=new Date,n=Fi(e.webhook.state),r=l`<div class="slds-grid slds-wrap slds-gutters_direct-small">
      ${this.renderBudget(`Salesforce`,e.budgets.salesforce?zi(e.budgets.salesforce):void 0,`summary-budget-salesforce`)}
      ${this.renderBudget(`PagerDuty`,e.budgets.pagerduty?Bi(e.budgets.pagerduty):void 0,`summary-budget-pagerduty`)}
    </div>`;return l`
      ${e.selfAlerts.length>0?this.renderCard(`self-alerts`,`Alerts about the connector`,`incident`,this.renderSelfAlerts(e,t),`full`):u}
      ${this.renderCard(`pagerduty`,`PagerDuty`,`incident`,this.renderConnection(`summary-pagerduty-status`,e.pagerduty,t))}
      ${this.renderCard(`salesforce`,`Salesforce`,`connected_apps`,this.renderConnection(`summary-salesforce-status`,e.salesforce,t))}
      ${this.renderCard(`integration-user`,`Integration user`,`user`,this.renderConnection(`summary-integration-user-status`,e.integrationUser,t))}
      ${this.renderCard(`webhook`,`Webhook subscription`,`flow`,l`<div data-testid="summary-webhook-status">
          ${H(n)}
          <p class="slds-m-top_x-small">${e.webhook.message}</p>
        </div>`)}
      ${this.renderCard(`rulesets`,`Enabled rulesets`,`filter_criteria_rule`,l`<p class="slds-text-heading_medium" data-testid="summary-rulesets">${Hi(e.rulesets)}</p>
          <p class="slds-text-color_weak slds-m-top_x-small">Rulesets decide which Cases and incidents sync.</p>`)}
      ${this.renderCard(`sync`,`Sync`,`data_integration_hub`,this.renderSync(e.sync,t))}
      ${e.intakeNotices.length>0?this.renderCard(`intake`,`Salesforce intake: recent problems`,`data_streams`,this.renderIntakeNotices(e.intakeNotices,t),`full`):u}
      ${this.renderCard(`budget`,`API budget`,`metrics`,r,`full`)}
    `}renderSkeleton(){return[[`pagerduty`,`PagerDuty`,`incident`,`third`],[`salesforce`,`Salesforce`,`connected_apps`,`third`],[`integration-user`,`Integration user`,`user`,`third`],[`webhook`,`Webhook subscription`,`flow`,`third`],[`rulesets`,`Enabled rulesets`,`filter_criteria_rule`,`third`],[`sync`,`Sync`,`data_integration_hub`,`third`],[`budget`,`API budget`,`metrics`,`full`]].map(([e,t,n,r])=>this.renderCard(e,t,n,l`<div class="pd-summary__placeholder" aria-hidden="true"></div>`,r))}renderToolbar(){let e=this.summaryTask.status===v.PENDING,t=this.lastSummary?C(this.lastSummary.generatedAt):void 0;return l`<div class="pd-summary__toolbar">
      <div>
        <h2 class="slds-text-heading_medium">Summary</h2>
        <p class="slds-text-body_small slds-text-color_weak" data-testid="summary-updated">
          ${t?`Updated ${t} · refreshes every 15 seconds`:`Loading…`}
        </p>
      </div>
      <div class="pd-summary__actions">
        <span class="pd-summary__busy" role="status">
          ${e?l`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
                  <span class="slds-assistive-text">Refreshing the summary</span>
                  <div class="slds-spinner__dot-a"></div>
                  <div class="slds-spinner__dot-b"></div>
                </div>`:u}
        </span>
        <button class="slds-button slds-button_neutral" type="button" @click=${this.refresh} aria-busy=${e?`true`:`false`}>
          ${O(`refresh`)}Refresh
        </button>
      </div>
    </div>`}renderFailure(e){return l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error slds-m-bottom_small" role="alert">
      <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
      <div class="slds-media__body" data-testid="summary-error">
        ${this.lastSummary?`Could not refresh the summary; showing the last answer. `:`Could not load the summary. `}${x(e)}
      </div>
    </div>`}render(){let e=this.lastSummary,t=e=>l`<div class="slds-grid slds-wrap slds-gutters_direct-x-small pd-summary__grid">${e}</div>`;return l`${this.renderToolbar()}
    ${this.summaryTask.render({initial:()=>t(this.renderSkeleton()),pending:()=>t(e?this.renderCards(e):this.renderSkeleton()),complete:e=>t(this.renderCards(e)),error:n=>l`${this.renderFailure(n)}${t(e?this.renderCards(e):this.renderSkeleton())}`})}`}};customElements.define(`pd-summary-tab`,Yi);var W=class{api;constructor(e){this.api=e}caseFields(e){return this.api.call(F.getCaseFields,{signal:e})}incidentFields(e){return this.api.call(F.getIncidentFields,{signal:e})}pagerDutyMetadata(e){return this.api.call(F.getPagerDutyMetadata,{signal:e})}objectMapping(e){return this.api.call(F.getObjectMapping,{signal:e})}saveObjectMapping(e){return this.api.call(F.putObjectMapping,{body:e})}rulesets(e){return this.api.call(F.getRulesets,{signal:e})}ruleset(e,t){return this.api.call({...F.getRuleset,path:_(F.getRuleset.path,{id:e})},{signal:t})}createRuleset(e){return this.api.call(F.createRuleset,{body:{name:e}})}patchRuleset(e,t){return this.api.call({...F.patchRuleset,path:_(F.patchRuleset.path,{id:e})},{body:t})}saveRuleset(e){let t={name:e.name,enabled:e.enabled,rules:e.rules};return this.api.call({...F.putRuleset,path:_(F.putRuleset.path,{id:e.id})},{body:t})}deleteRuleset(e){return this.api.call({...F.deleteRuleset,path:_(F.deleteRuleset.path,{id:e})})}reorderRulesets(e){return this.api.call(F.reorderRulesets,{body:{ids:e}})}importRulesets(e){return this.api.call(F.importRulesets,{body:e})}rulesetTemplates(e){return this.api.call(F.getRulesetTemplates,{signal:e})}addRulesetFromTemplate(e,t){return this.api.call({...F.addRulesetFromTemplate,path:_(F.addRulesetFromTemplate.path,{key:e})},{body:t})}testRule(e,t,n){return this.api.call({...F.testRule,path:_(F.testRule.path,{id:e,ruleId:t})},{body:n})}get exportUrl(){return F.exportRulesets.path}},Xi={string:`text`,picklist:`text`,combobox:`text`,email:`text`,phone:`text`,textarea:`text`,url:`text`,multipicklist:`multi`,boolean:`boolean`,int:`number`,double:`number`,currency:`number`,percent:`number`,date:`date`,datetime:`datetime`,reference:`id`,id:`id`};function Zi(e){return Xi[e]}var Qi=`custom_fields.`;[{name:`event_type`,label:`Event Kind`,type:`picklist`,picklistValues:M,perEvent:!0},{name:`id`,label:`Incident ID`,type:`string`},{name:`number`,label:`Incident Number`,type:`int`},{name:`title`,label:`Title`,type:`string`},{name:`status`,label:`Status`,type:`picklist`,picklistValues:[`triggered`,`acknowledged`,`resolved`]},{name:`urgency`,label:`Urgency`,type:`picklist`,picklistValues:[`high`,`low`]},{name:`priority_id`,label:`Priority ID`,type:`string`},{name:`priority_name`,label:`Priority Name`,type:`string`},{name:`service_id`,label:`Service ID`,type:`string`},{name:`service_name`,label:`Service Name`,type:`string`},{name:`escalation_policy_id`,label:`Escalation Policy ID`,type:`string`},{name:`escalation_policy_name`,label:`Escalation Policy Name`,type:`string`},{name:`assignee_ids`,label:`Assignee IDs`,type:`multipicklist`},{name:`assignee_names`,label:`Assignee Names`,type:`multipicklist`},{name:`html_url`,label:`Incident URL`,type:`url`},{name:`created_at`,label:`Created At`,type:`datetime`},{name:`note_content`,label:`Note Content`,type:`textarea`},{name:`agent_email`,label:`Agent Email`,type:`email`},{name:`agent_name`,label:`Agent Name`,type:`string`},{name:`responder_ids`,label:`Responder IDs`,type:`multipicklist`},{name:`responder_names`,label:`Responder Names`,type:`multipicklist`},{name:`status_update_message`,label:`Latest Status Update`,type:`textarea`},{name:`conference_number`,label:`Conference Number`,type:`phone`},{name:`conference_url`,label:`Conference URL`,type:`url`},{name:`workflow_id`,label:`Workflow ID`,type:`string`},{name:`workflow_name`,label:`Workflow Name`,type:`string`}].map(e=>({key:`incident.${e.name}`,name:e.name,label:e.label,scope:`incident`,type:e.type,kind:Zi(e.type),...e.picklistValues?{picklistValues:e.picklistValues}:{},restrictedPicklist:e.picklistValues!==void 0,createable:!1,updateable:!1,nillable:!0,defaultedOnCreate:!1,trackable:e.perEvent!==!0}));var $i={integer:`int`,float:`double`,boolean:`boolean`,url:`url`,datetime:`datetime`};function ea(e){let t=e.fieldType?.startsWith(`multi_value`)===!0?`multipicklist`:$i[e.dataType??``]??(e.options?`picklist`:`string`);return{key:`incident.${Qi}${e.name}`,name:`${Qi}${e.name}`,label:`Custom Field: ${e.displayName??e.name}`,scope:`incident`,type:t,kind:Zi(t),...e.options?{picklistValues:e.options}:{},restrictedPicklist:e.fieldType?.endsWith(`_fixed`)===!0,createable:!1,updateable:!1,nillable:!0,defaultedOnCreate:!1,trackable:!0}}var ta={"incident.triggered":`Incident triggered`,"incident.acknowledged":`Incident acknowledged`,"incident.unacknowledged":`Incident unacknowledged`,"incident.resolved":`Incident resolved`,"incident.reassigned":`Incident reassigned`,"incident.escalated":`Incident escalated`,"incident.priority_updated":`Incident priority updated`,"incident.annotated":`Incident annotated (note added)`,"incident.reopened":`Incident reopened`,"incident.responder.added":`Responder added`,"incident.responder.replied":`Responder replied`,"incident.status_update_published":`Status update published`,"incident.workflow.started":`Incident workflow started`,"incident.workflow.completed":`Incident workflow completed`,"incident.custom_field_values.updated":`Custom field values updated`,"incident.conference_bridge.updated":`Conference bridge set`},na={create_incident:`Create a PagerDuty incident`,update_incident:`Update the linked incident`,add_note:`Add a note to the linked incident`,escalate_incident:`Escalate the linked incident to a level`,snooze_incident:`Snooze the linked incident`,resolve_incident:`Resolve the linked incident with a resolution note`,add_responders:`Add responders to the linked incident`,publish_status_update:`Publish a status update on the linked incident`,start_incident_workflow:`Start an incident workflow on the linked incident`,set_conference_bridge:`Set the linked incident's conference bridge`,set_case_fields:`Set Case field values`,create_case:`Create a Case`,add_case_comment:`Add a Case comment`},ra={create_incident:`Create incident`,update_incident:`Update incident`,add_note:`Add note`,escalate_incident:`Escalate incident`,snooze_incident:`Snooze incident`,resolve_incident:`Resolve incident`,add_responders:`Add responders`,publish_status_update:`Publish status update`,start_incident_workflow:`Start workflow`,set_conference_bridge:`Set conference bridge`,set_case_fields:`Set Case fields`,create_case:`Create Case`,add_case_comment:`Add Case comment`};function ia(e){return ta[e]??e}var aa=[`text`,`id`,`number`,`boolean`,`date`,`datetime`,`multi`],oa=[`number`,`date`,`datetime`],sa=[`text`,`id`,`number`,`multi`],ca=[`text`,`id`,`number`,`date`,`datetime`,`multi`],la={equals:{name:`equals`,label:`equals`,kinds:aa,value:`single`,usesPrevious:!1},not_equals:{name:`not_equals`,label:`does not equal`,kinds:aa,value:`single`,usesPrevious:!1,negationOf:`equals`},contains:{name:`contains`,label:`contains`,kinds:[`text`,`multi`],value:`single`,usesPrevious:!1},not_contains:{name:`not_contains`,label:`does not contain`,kinds:[`text`,`multi`],value:`single`,usesPrevious:!1,negationOf:`contains`},starts_with:{name:`starts_with`,label:`starts with`,kinds:[`text`],value:`single`,usesPrevious:!1},ends_with:{name:`ends_with`,label:`ends with`,kinds:[`text`],value:`single`,usesPrevious:!1},in:{name:`in`,label:`is one of`,kinds:sa,value:`list`,usesPrevious:!1},not_in:{name:`not_in`,label:`is not one of`,kinds:sa,value:`list`,usesPrevious:!1,negationOf:`in`},lt:{name:`lt`,label:`less than`,kinds:oa,value:`single`,usesPrevious:!1},lte:{name:`lte`,label:`less or equal`,kinds:oa,value:`single`,usesPrevious:!1},gt:{name:`gt`,label:`greater than`,kinds:oa,value:`single`,usesPrevious:!1},gte:{name:`gte`,label:`greater or equal`,kinds:oa,value:`single`,usesPrevious:!1},is_blank:{name:`is_blank`,label:`is blank`,kinds:ca,value:`none`,usesPrevious:!1},is_not_blank:{name:`is_not_blank`,label:`is not blank`,kinds:ca,value:`none`,usesPrevious:!1,negationOf:`is_blank`},changed:{name:`changed`,label:`changed`,kinds:aa,value:`none`,usesPrevious:!0},changed_to:{name:`changed_to`,label:`changed to`,kinds:aa,value:`single`,usesPrevious:!0},changed_from:{name:`changed_from`,label:`changed from`,kinds:aa,value:`single`,usesPrevious:!0}};function ua(e){return St.includes(e)}function da(e){return St.filter(t=>{let n=la[t];return n.kinds.includes(e.kind)&&(e.trackable||!n.usesPrevious)})}var G=class extends Error{position;name=`FilterLogicError`;constructor(e,t){super(e),this.position=t}},fa=100;function pa(e){return e.kind===`end`?`the end`:`"${e.text}"`}function ma(e){let t=[],n=0;for(;n<e.length;){let r=e[n];if(r===` `||r===`	`||r===`
`||r===`\r`)n++;else if(r===`(`||r===`)`)t.push({kind:r===`(`?`open`:`close`,text:r,position:n}),n++;else if(r>=`0`&&r<=`9`){let r=n;for(;r<e.length&&e[r]>=`0`&&e[r]<=`9`;)r++;let i=e.slice(n,r);t.push({kind:`number`,value:Number(i),text:i,position:n}),n=r}else if(/[A-Za-z]/.test(r)){let r=n;for(;r<e.length&&/[A-Za-z]/.test(e[r]);)r++;let i=e.slice(n,r),a=i.toUpperCase();if(a===`AND`||a===`OR`||a===`NOT`)t.push({kind:a.toLowerCase(),text:i,position:n});else throw new G(`Unknown word "${i}" at column ${n}: use condition numbers, AND, OR, NOT and parentheses`,n);n=r}else throw new G(`Unexpected character "${r}" at column ${n}: use condition numbers, AND, OR, NOT and parentheses`,n)}return t.push({kind:`end`,text:``,position:e.length}),t}function ha(e){let t=0,n=[],r=()=>e[t];function i(e){let n=a(e),i=r();if(i.kind!==`and`&&i.kind!==`or`)return n;let o=i.kind,s=[n];for(;r().kind===`and`||r().kind===`or`;){let n=r();if(n.kind!==o)throw new G(`Use parentheses when mixing AND and OR (column ${n.position}), e.g. "(1 AND 2) OR 3"`,n.position);t++,s.push(a(e))}return{type:o,operands:s}}function a(e){if(e>fa)throw new G(`Nested too deeply at column ${r().position}`,r().position);let o=r();if(o.kind===`not`)return t++,{type:`not`,operand:a(e+1)};if(o.kind===`number`)return t++,n.push({index:o.value,position:o.position}),{type:`ref`,index:o.value};if(o.kind===`open`){t++;let n=i(e+1),a=r();if(a.kind!==`close`)throw new G(`Expected AND, OR or ")" at column ${a.position}, found ${pa(a)}`,a.position);return t++,n}throw new G(`Expected a condition number, NOT or "(" at column ${o.position}, found ${pa(o)}`,o.position)}let o=i(0),s=r();if(s.kind!==`end`)throw new G(`Expected ${s.kind===`close`?`no ")" without a matching "("`:`AND, OR or the end`} at column ${s.position}, found ${pa(s)}`,s.position);return{ast:o,references:n}}function ga(e,t){let n;try{n=ha(ma(e))}catch(e){if(e instanceof G)return{ok:!1,error:e};throw e}for(let e of n.references)if(e.index<1||e.index>t){let n=t===0?`the rule has no conditions`:`conditions are numbered 1 to ${t}`;return{ok:!1,error:new G(`Condition ${e.index} at column ${e.position} does not exist; ${n}`,e.position)}}let r=new Set(n.references.map(e=>e.index)),i=[];for(let e=1;e<=t;e++)r.has(e)||i.push(e);return i.length>0?{ok:!1,error:new G(`Use every condition in the filter logic; missing: ${i.join(`, `)}`,e.length)}:{ok:!0,ast:n.ast}}function _a(e){return e==null?``:typeof e==`string`?e:Array.isArray(e)?e.map(_a).filter(e=>e!==``).join(`, `):typeof e==`number`||typeof e==`boolean`||typeof e==`bigint`?String(e):typeof e==`object`?JSON.stringify(e):``}[...bt.map(e=>`case:${e}`),...M.map(e=>`incident:${e}`)];function K(e){let t=e.options.some(t=>t.value===e.value),n=[e.help?`${e.id}-help`:``,e.error?`${e.id}-error`:``].filter(Boolean).join(` `);return l`<div class="slds-form-element ${e.stacked?`slds-form-element_stacked`:``} ${e.error?`slds-has-error`:``}">
    <label class="slds-form-element__label ${e.hideLabel?`slds-assistive-text`:``}" for=${e.id}
      >${e.required?l`<abbr class="slds-required" title="required">* </abbr>`:u}${e.label}</label
    >
    <div class="slds-form-element__control">
      <div class="slds-select_container">
        <select
          class="slds-select"
          id=${e.id}
          ?required=${e.required??!1}
          ?disabled=${e.disabled??!1}
          aria-invalid=${e.error?`true`:`false`}
          aria-describedby=${n||u}
          data-testid=${e.testId??u}
          .value=${V(e.value)}
          @change=${t=>e.onChange(t.target.value)}
        >
          ${e.emptyLabel===void 0?u:l`<option value="" ?selected=${e.value===``}>${e.emptyLabel}</option>`}
          ${!t&&e.value!==``?l`<option value=${e.value} selected>${e.value} (not found)</option>`:u}
          ${e.options.map(t=>l`<option value=${t.value} ?selected=${t.value===e.value}>${t.label}</option>`)}
        </select>
      </div>
    </div>
    ${e.help?l`<div class="slds-form-element__help slds-text-color_weak" id="${e.id}-help">${e.help}</div>`:u}
    ${e.error?l`<div class="slds-form-element__help" id="${e.id}-error" data-testid="${e.id}-error">${e.error}</div>`:u}
  </div>`}function q(e){return l`<div class="pd-authoring__loading">
    <div class="slds-spinner slds-spinner_small slds-spinner_brand" role="status">
      <span class="slds-assistive-text">${e}</span>
      <div class="slds-spinner__dot-a"></div>
      <div class="slds-spinner__dot-b"></div>
    </div>
  </div>`}function J(e,t){return l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
    <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
    <div class="slds-media__body">
      <p>${e}</p>
      ${t?l`<button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${t}>Try again</button>`:u}
    </div>
  </div>`}function va(e,t){return l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_warning" role="status" data-testid=${t??u}>
    <div class="slds-media__figure">${T(`warning`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
    <div class="slds-media__body"><p>${e}</p></div>
  </div>`}function ya(e,t=80){let n=e.trim().length;return n>t?`${n} characters: at most ${t}. Shorten the name.`:void 0}function ba(e){let t=e.value.trim().length,n=`${t}/80 characters`,r=!e.compact||t>60;return l`<div class="slds-form-element ${e.error?`slds-has-error`:``}">
    <label class="slds-form-element__label ${e.hideLabel?`slds-assistive-text`:``}" for=${e.id}
      >${e.required?l`<abbr class="slds-required" title="required">* </abbr>`:u}${e.label}</label
    >
    <div class="slds-form-element__control">
      <input
        class="slds-input"
        id=${e.id}
        data-testid=${e.testId??u}
        placeholder=${e.placeholder??u}
        .value=${V(e.value)}
        aria-invalid=${e.error?`true`:`false`}
        aria-describedby=${e.error?`${e.id}-error`:r?`${e.id}-count`:u}
        @input=${t=>e.onInput(t.target.value)}
        @keydown=${t=>e.onKeydown?.(t)}
      />
    </div>
    ${e.error?l`<div class="slds-form-element__help" id="${e.id}-error" data-testid=${e.errorTestId??`${e.id}-error`}>${e.error}</div>`:r?l`<div class="slds-form-element__help slds-text-color_weak" id="${e.id}-count">${n}</div>`:u}
  </div>`}function xa(e){return l`<div class="slds-form-element">
    <label class="slds-checkbox_toggle slds-grid">
      <span class="slds-assistive-text">${e.label}</span>
      <input
        type="checkbox"
        .checked=${V(e.checked)}
        ?disabled=${e.busy??!1}
        data-testid=${e.testId??u}
        aria-describedby=${e.id}
        @change=${e.onChange}
      />
      <span id=${e.id} class="slds-checkbox_faux_container">
        <span class="slds-checkbox_faux"></span>
        <span class="slds-checkbox_on">Enabled</span>
        <span class="slds-checkbox_off">Disabled</span>
      </span>
    </label>
  </div>`}function Sa(e){let t=`New ${e.noun} name`,n=e.noun.charAt(0).toUpperCase()+e.noun.slice(1);return l`<form class="pd-authoring__inline-form slds-m-left_small" novalidate @submit=${e.onSubmit}>
    ${ba({id:e.id,label:t,hideLabel:!0,compact:!0,placeholder:t,value:e.value,error:e.error,testId:e.id,onInput:t=>e.onInput(t,ya(t))})}
    <button class="slds-button slds-button_brand" type="submit" data-testid=${e.buttonTestId}>Add ${n}</button>
  </form>`}var Ca=[`to_pagerduty`,`to_salesforce`,`both`],wa={to_pagerduty:`Salesforce → PagerDuty`,to_salesforce:`PagerDuty → Salesforce`,both:`Both ways`},Ta=a({caseValue:g().max(255,`At most 255 characters`),pagerDutyValue:g().max(200,`At most 200 characters`).nullable()}).strict(),Ea=a({caseField:g().trim().min(1,`Choose a Case field`).max(80,`At most 80 characters`),pagerDutyFieldId:g().trim().min(1,`Choose a PagerDuty field`).max(40,`At most 40 characters`),direction:i(Ca,{error:`Choose a direction: to_pagerduty, to_salesforce or both`}),valueMap:m(Ta).max(1e3,`At most 1000 values`).default([])}).strict(),Da=a({mappings:m(Ea).max(100,`At most 100 mappings`)}).strict(),Oa=d({id:g(),name:g(),displayName:g(),description:g().nullable(),dataType:i([`boolean`,`integer`,`float`,`string`,`datetime`,`url`]),fieldType:i([`single_value`,`single_value_fixed`,`multi_value`,`multi_value_fixed`]),options:m(g())}).meta({id:`PagerDutyCustomFieldOption`}),ka=d({caseField:g(),caseFieldType:g(),pagerDutyFieldId:g(),pagerDutyFieldLabel:g(),direction:i(Ca),valueMap:m(d({caseValue:g(),pagerDutyValue:g().nullable()}))}).meta({id:`FieldMappingView`}),Aa=d({mappings:m(ka),pagerDutyFields:m(Oa),pagerDutyFieldsProblem:g().nullable()}).meta({id:`FieldMappingsReply`}),ja={getFieldMappings:{method:`GET`,path:`/api/field-mappings`,access:`admin`,reply:Aa},putFieldMappings:{method:`PUT`,path:`/api/field-mappings`,access:`admin`,body:Da,reply:Aa}},Ma=class{api;constructor(e){this.api=e}fieldMappings(e){return this.api.call(ja.getFieldMappings,{signal:e})}saveFieldMappings(e){return this.api.call(ja.putFieldMappings,{body:e})}},Na=`__skip__`,Pa=1;function Fa(){return{key:Pa++,caseField:``,pagerDutyFieldId:``,direction:`both`,valueMap:{}}}function Ia(e){return e.map(e=>({key:Pa++,caseField:e.caseField,pagerDutyFieldId:e.pagerDutyFieldId,direction:e.direction,valueMap:Object.fromEntries(e.valueMap.map(e=>[e.caseValue,e.pagerDutyValue??`__skip__`]))}))}var La=new Set([`string`,`textarea`,`email`,`phone`,`url`,`picklist`,`combobox`,`int`,`double`,`currency`,`percent`,`boolean`,`date`,`datetime`]);function Ra(e){return e.filter(e=>La.has(e.type))}function za(e,t){return e?.type===`picklist`&&t?.fieldType===`single_value_fixed`}function Ba(e,t,n){return Object.fromEntries(e.map(e=>[e,n[e]??t.find(t=>t.toLowerCase()===e.toLowerCase())??``]))}function Va(e,t){let n=e.map(e=>t[e]??``),r=n.filter(e=>e===Na).length,i=n.filter(e=>e!==``&&e!==`__skip__`).length,a=e.length-i-r;return`${i} mapped${r?`, ${r} skipped`:``}${a?`, ${a} to choose`:``}`}function Ha(e,t,n){return{mappings:e.map(e=>{let r=za(t.find(t=>t.name===e.caseField),n.find(t=>t.id===e.pagerDutyFieldId))?Object.entries(e.valueMap).filter(([,e])=>e!==``).map(([e,t])=>({caseValue:e,pagerDutyValue:t===`__skip__`?null:t})):[];return{caseField:e.caseField,pagerDutyFieldId:e.pagerDutyFieldId,direction:e.direction,valueMap:r}})}}function Ua(e){let t=new Map;return e.forEach((e,n)=>{e.caseField||t.set(`mappings.${n}.caseField`,`Choose a Case field`),e.pagerDutyFieldId||t.set(`mappings.${n}.pagerDutyFieldId`,`Choose a PagerDuty field`)}),t}function Wa(e){let t=new Map,n=[];for(let[r,i]of e){let e=/^mappings\.(\d+)\.(caseField|pagerDutyFieldId|direction|valueMap)/.exec(r);if(!e){n.push(i);continue}let a=Number(e[1]),o=e[2],s=t.get(a)??{};s[o]??=i,t.set(a,s)}return{rows:t,general:n}}var Ga=class extends o{static properties={drafts:{state:!0},errors:{state:!0},editingValues:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});loadTask=new y(this,{task:async(e,{signal:t})=>{let n=this.client(),[r,i]=await Promise.all([new Ma(n).fieldMappings(t),new W(n).caseFields(t)]);return this.drafts=Ia(r.mappings),{reply:r,caseFields:i.fields}},args:()=>[]});saveTask=new y(this,{autoRun:!1,task:async([e,t])=>new Ma(this.client()).saveFieldMappings(Ha(e,t.caseFields,t.reply.pagerDutyFields)),onComplete:e=>void this.handleSaved(e),onError:e=>void this.handleSaveFailed(e)});constructor(){super(),this.drafts=void 0,this.errors=new Map,this.editingValues=void 0}createRenderRoot(){return this}disconnectedCallback(){this.loadTask.abort(),super.disconnectedCallback()}client(){return z(this.api)}editRow(e,t){let n=(this.drafts??[]).map(n=>n.key===e?{...n,...t}:n);this.drafts=n;let r=n.findIndex(t=>t.key===e);this.errors=new Map([...this.errors].filter(([e])=>!e.startsWith(`mappings.${r}.`)))}handleAdd=async()=>{this.drafts=[...this.drafts??[],Fa()],await this.updateComplete,this.querySelector(`#fm-case-${(this.drafts.length-1).toString()}`)?.focus()};handleRemove(e){this.drafts=(this.drafts??[]).filter(t=>t.key!==e),this.errors=new Map}handleSubmit=(e,t)=>{if(e.preventDefault(),!this.drafts||this.saveTask.status===v.PENDING)return;let n=Ua(this.drafts);n.size>0?(this.errors=n,this.focusFirstError()):this.saveTask.run([this.drafts,t])};async handleSaved(e){let t=this.loadTask.value;t&&(t.reply=e),this.drafts=Ia(e.mappings),this.errors=new Map,this.toasts.value?.show({variant:`success`,title:`Custom field mappings saved`,message:e.mappings.length===1?`1 mapping in use.`:`${e.mappings.length.toString()} mappings in use.`}),await this.updateComplete,this.querySelector(`[data-testid=field-mappings-save]`)?.focus()}async handleSaveFailed(e){let t=e instanceof b?e.fieldErrors:[];this.errors=new Map(t.map(e=>[e.path,e.message])),this.toasts.value?.show({variant:`error`,title:`Custom field mappings not saved`,message:t.length?`${t.length.toString()} problem(s): see the rows marked in red.`:x(e)}),await this.focusFirstError()}async focusFirstError(){await this.updateComplete,(this.querySelector(`[aria-invalid="true"]`)??this.querySelector(`[data-testid=field-mappings-save]`))?.focus()}openValueMap(e,t,n){this.editRow(e.key,{valueMap:Ba(t.picklistValues,n.options,e.valueMap)}),this.editingValues=e.key,this.updateComplete.then(()=>this.querySelector(`[data-testid=value-map-modal] select`)?.focus())}closeValueMap(){let e=this.editingValues;this.editingValues=void 0,this.updateComplete.then(()=>this.querySelector(`[data-value-map-button="${String(e)}"]`)?.focus())}renderRow(e,t,n,r){let i=Wa(this.errors).rows.get(t)??{},a=Ra(n.caseFields),o=n.caseFields.find(t=>t.name===e.caseField),s=n.reply.pagerDutyFields.find(t=>t.id===e.pagerDutyFieldId),c=za(o,s),d=`row ${(t+1).toString()}`;return l`<tr class="slds-hint-parent" data-testid="field-mapping-row">
      <td>
        ${K({id:`fm-case-${t.toString()}`,label:`Case field, ${d}`,hideLabel:!0,value:e.caseField,emptyLabel:`— Choose a Case field —`,options:a.map(e=>({value:e.name,label:`${e.label} (${e.name})`})),disabled:r,error:i.caseField,testId:`field-mapping-case-field`,onChange:t=>this.editRow(e.key,{caseField:t})})}
      </td>
      <td>
        ${K({id:`fm-direction-${t.toString()}`,label:`Direction, ${d}`,hideLabel:!0,value:e.direction,options:Ca.map(e=>({value:e,label:wa[e]})),disabled:r,error:i.direction,testId:`field-mapping-direction`,onChange:t=>this.editRow(e.key,{direction:t})})}
      </td>
      <td>
        ${K({id:`fm-pd-${t.toString()}`,label:`PagerDuty field, ${d}`,hideLabel:!0,value:e.pagerDutyFieldId,emptyLabel:`— Choose a PagerDuty field —`,options:n.reply.pagerDutyFields.map(e=>({value:e.id,label:`${e.displayName} (${Ka(e)})`})),disabled:r,error:i.pagerDutyFieldId,testId:`field-mapping-pagerduty-field`,onChange:t=>this.editRow(e.key,{pagerDutyFieldId:t})})}
      </td>
      <td>
        <div class="slds-form-element ${i.valueMap?`slds-has-error`:``}">
          ${c&&o&&s?l`<button
                  class="slds-button slds-button_neutral"
                  type="button"
                  data-testid="field-mapping-values"
                  data-value-map-button=${e.key}
                  aria-invalid=${i.valueMap?`true`:`false`}
                  aria-describedby=${i.valueMap?`fm-values-${t.toString()}-error`:u}
                  ?disabled=${r}
                  @click=${()=>this.openValueMap(e,o,s)}
                >
                  Map values (${Va(o.picklistValues,e.valueMap)})
                </button>`:l`<span class="slds-text-color_weak">${o&&s?`Values as they are`:`—`}</span>`}
          ${i.valueMap?l`<div class="slds-form-element__help" id="fm-values-${t.toString()}-error" data-testid="fm-values-${t.toString()}-error">${i.valueMap}</div>`:u}
        </div>
      </td>
      <td>
        <button
          class="slds-button slds-button_icon slds-button_icon-border-filled"
          type="button"
          title="Remove ${d}"
          data-testid="field-mapping-remove"
          ?disabled=${r}
          @click=${()=>this.handleRemove(e.key)}
        >
          ${O(`delete`)}<span class="slds-assistive-text">Remove ${d}</span>
        </button>
      </td>
    </tr>`}renderValueMapModal(e){let t=this.drafts?.find(e=>e.key===this.editingValues),n=e.caseFields.find(e=>e.name===t?.caseField),r=e.reply.pagerDutyFields.find(e=>e.id===t?.pagerDutyFieldId);if(!t||!n||!r)return u;let i=[{value:Na,label:`— Skip: not sent —`},...r.options.map(e=>({value:e,label:e}))];return l`<section
        role="dialog"
        tabindex="-1"
        aria-modal="true"
        aria-labelledby="fm-value-map-heading"
        class="slds-modal slds-fade-in-open"
        data-testid="value-map-modal"
        @keydown=${e=>{e.key===`Escape`&&this.closeValueMap()}}
      >
        <div class="slds-modal__container">
          <div class="slds-modal__header">
            <h2 class="slds-text-heading_medium" id="fm-value-map-heading">${n.label} → ${r.displayName}</h2>
            <p class="slds-m-top_x-small">
              Choose the PagerDuty option each picklist value becomes, or skip it. Back in Salesforce, an option becomes the first picklist value mapped to it.
            </p>
          </div>
          <div class="slds-modal__content slds-p-around_medium">
            <table class="slds-table slds-table_bordered slds-table_cell-buffer" aria-label="Value map">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Picklist value</div></th>
                  <th scope="col"><div class="slds-truncate">PagerDuty option</div></th>
                </tr>
              </thead>
              <tbody>
                ${n.picklistValues.map((e,n)=>l`<tr data-testid="value-map-row">
                      <th scope="row">${e}</th>
                      <td>
                        ${K({id:`fm-value-${n.toString()}`,label:`PagerDuty option for ${e}`,hideLabel:!0,value:t.valueMap[e]??``,emptyLabel:`— Choose —`,options:i,onChange:n=>this.editRow(t.key,{valueMap:{...t.valueMap,[e]:n}})})}
                      </td>
                    </tr>`)}
              </tbody>
            </table>
          </div>
          <div class="slds-modal__footer">
            <button class="slds-button slds-button_brand" type="button" data-testid="value-map-done" @click=${()=>this.closeValueMap()}>Done</button>
          </div>
        </div>
      </section>
      <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`}renderTable(e){let t=this.drafts??[],n=this.saveTask.status===v.PENDING,r=Wa(this.errors).general;return l`<form novalidate @submit=${t=>this.handleSubmit(t,e)}>
      ${e.reply.pagerDutyFieldsProblem?va(`PagerDuty's custom fields could not be read: ${e.reply.pagerDutyFieldsProblem}`,`field-mappings-pd-problem`):u}
      ${r.map(e=>va(e))}
      ${t.length===0?l`<p class="slds-text-color_weak slds-p-vertical_small" data-testid="field-mappings-empty">
              No custom field is mapped. Add a mapping to keep a Case field and an incident custom field in step.
            </p>`:l`<table class="slds-table slds-table_bordered slds-table_fixed-layout pd-field-mappings__table" aria-label="Custom field mappings">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate" title="Case field">Case field</div></th>
                  <th scope="col" class="pd-field-mappings__direction"><div class="slds-truncate" title="Direction">Direction</div></th>
                  <th scope="col"><div class="slds-truncate" title="PagerDuty field">PagerDuty field</div></th>
                  <th scope="col"><div class="slds-truncate" title="Values">Values</div></th>
                  <th scope="col" class="pd-field-mappings__remove"><span class="slds-assistive-text">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                ${t.map((t,r)=>this.renderRow(t,r,e,n))}
              </tbody>
            </table>`}
      <div class="pd-authoring__actions">
        <button class="slds-button slds-button_neutral" type="button" data-testid="field-mappings-add" ?disabled=${n} @click=${this.handleAdd}>
          Add mapping
        </button>
        <button class="slds-button slds-button_brand" type="submit" data-testid="field-mappings-save" ?disabled=${n}>
          ${n?`Saving…`:`Save`}
        </button>
      </div>
      ${this.renderValueMapModal(e)}
    </form>`}render(){return l`<article class="slds-card slds-card_boundary slds-m-top_medium" aria-labelledby="field-mappings-title" data-testid="field-mappings-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`custom`)}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="field-mappings-title">Custom field mappings</h2>
            <p class="slds-text-body_small slds-text-color_weak">
              Case fields ⇄ PagerDuty incident custom fields on linked Cases, whatever the rulesets say. A value the connector wrote is not sent back.
            </p>
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${this.loadTask.render({initial:()=>q(`Loading the custom field mappings`),pending:()=>q(`Loading the custom field mappings`),complete:e=>this.renderTable(e),error:e=>J(`Could not load the custom field mappings. ${x(e)}`,()=>void this.loadTask.run())})}
      </div>
    </article>`}};function Ka(e){return e.fieldType===`single_value_fixed`?`options: ${e.options.join(`, `)}`:e.fieldType.startsWith(`multi`)?`multiple ${e.dataType}`:e.dataType}customElements.define(`pd-field-mappings`,Ga);var Y={businessObject:`Business Object`,titleField:`Incident Title Field`,descriptionField:`Incident Description Field`,integrationUserEmail:`Integration User Email`,syncCommentsToNotes:`Sync Salesforce Comments to PagerDuty Notes`,statusUpdatesToCases:`Status Updates to Cases`,incidentNumberField:`Incident Number Field`,incidentUrlField:`Incident URL Field`};function qa(e){return{titleField:e.titleField,descriptionField:e.descriptionField??``,syncCommentsToNotes:e.syncCommentsToNotes,statusUpdatesToCases:e.statusUpdatesToCases,writeBack:e.incidentNumberField!==null||e.incidentUrlField!==null,incidentNumberField:e.incidentNumberField??``,incidentUrlField:e.incidentUrlField??``,integrationUserEmail:e.integrationUserEmail??``}}var Ja=e=>e.trim()===``?null:e.trim();function Ya(e){return{businessObject:`Case`,titleField:e.titleField.trim(),descriptionField:Ja(e.descriptionField),syncCommentsToNotes:e.syncCommentsToNotes,statusUpdatesToCases:e.statusUpdatesToCases,incidentNumberField:e.writeBack?Ja(e.incidentNumberField):null,incidentUrlField:e.writeBack?Ja(e.incidentUrlField):null,integrationUserEmail:Ja(e.integrationUserEmail)}}var Xa=[{value:`off`,label:`Off`},{value:`internal_comment`,label:`Internal comment`},{value:`public_comment`,label:`Public comment (the customer sees it)`}];function Za(e){return e.filter(e=>On.has(e.type))}function Qa(e){return e.filter(e=>kn.has(e.type)&&e.updateable)}function $a(e){let t=new Map;return e.titleField.trim()||t.set(`titleField`,`Choose the Incident Title Field`),e.integrationUserEmail.trim()&&!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.integrationUserEmail.trim())&&t.set(`integrationUserEmail`,`Enter the email of an existing PagerDuty user`),e.writeBack&&!e.incidentNumberField&&!e.incidentUrlField&&t.set(`incidentNumberField`,`Choose a field for the incident number, the URL, or both; or untick the option`),t}var eo=e=>g().trim().min(1,`Choose ${e}`).max(40,`At most 40 characters`),to=a({serviceId:eo(`a PagerDuty service`),priorityId:eo(`a PagerDuty priority`),escalationPolicyId:eo(`an escalation policy`),active:w()}).strict(),no=a({caseValue:g().min(1,`Choose a value of the Case field`).max(255,`At most 255 characters`),priorityId:eo(`a PagerDuty priority`)}).strict(),ro=a({routes:m(to).max(500,`At most 500 rows`),caseField:g().trim().min(1,`Choose a Case field`).max(80,`At most 80 characters`).nullable(),caseValues:m(no).max(500,`At most 500 values`)}).strict(),io=ro.meta({id:`PriorityRouting`}),ao={getPriorityRouting:{method:`GET`,path:`/api/priority-routing`,access:`admin`,reply:io},putPriorityRouting:{method:`PUT`,path:`/api/priority-routing`,access:`admin`,body:ro,reply:io}},oo=class{api;constructor(e){this.api=e}get(e){return this.api.call(ao.getPriorityRouting,{signal:e})}save(e){return this.api.call(ao.putPriorityRouting,{body:e})}},so=1;function co(){return{key:so++,serviceId:``,priorityId:``,escalationPolicyId:``,active:!0}}function lo(e){return{routes:e.routes.map(e=>({...e,key:so++})),caseField:e.caseField??``,caseValues:Object.fromEntries(e.caseValues.map(e=>[e.caseValue,e.priorityId]))}}function uo(e){return e.filter(e=>e.type===`picklist`&&e.picklistValues.length>0)}function fo(e,t){let n=t.find(t=>t.name===e.caseField),r=n?n.picklistValues:[];return{routes:e.routes.map(({serviceId:e,priorityId:t,escalationPolicyId:n,active:r})=>({serviceId:e,priorityId:t,escalationPolicyId:n,active:r})),caseField:e.caseField||null,caseValues:r.flatMap(t=>e.caseValues[t]?[{caseValue:t,priorityId:e.caseValues[t]}]:[])}}function po(e){return e.replace(/\.(\d+)(?=\.|$)/g,`[$1]`)}function mo(e,t,n){let r=new Map;for(let{path:i,message:a}of e){let e=po(i),o=/^routes\[(\d+)\]\.(\w+)$/.exec(e),s=/^caseValues\[(\d+)\]\.\w+$/.exec(e),c=e;if(o){let e=t.routes[Number(o[1])];e&&(c=`route:${e.key}:${o[2]}`)}else if(s){let e=n.caseValues[Number(s[1])];e&&(c=`value:${e.caseValue}`)}r.has(c)||r.set(c,a)}return r}function ho(e){let t=new Map,n=new Map;return e.routes.forEach((e,r)=>{if(e.serviceId||t.set(`route:${e.key}:serviceId`,`Choose a PagerDuty service`),e.priorityId||t.set(`route:${e.key}:priorityId`,`Choose a PagerDuty priority`),e.escalationPolicyId||t.set(`route:${e.key}:escalationPolicyId`,`Choose an escalation policy`),!e.serviceId||!e.priorityId)return;let i=`${e.serviceId}\u0000${e.priorityId}`,a=n.get(i);a===void 0?n.set(i,r):t.set(`route:${e.key}:priorityId`,`Row ${a+1} already routes this service at this priority: change one of them`)}),t}var go=class extends o{static properties={draft:{state:!0},errors:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});loadTask=new y(this,{task:async(e,{signal:t})=>{let n=this.client(),r=new W(n),[i,a,o]=await Promise.all([new oo(n).get(t),r.caseFields(t),r.pagerDutyMetadata(t)]);return this.draft=lo(i),{routing:i,fields:a.fields,pagerduty:o}},args:()=>[]});saveTask=new y(this,{autoRun:!1,task:async([e,t])=>new oo(this.client()).save(fo(e,t)),onComplete:e=>void this.handleSaved(e),onError:e=>void this.handleSaveFailed(e)});constructor(){super(),this.draft=void 0,this.errors=new Map}createRenderRoot(){return this}disconnectedCallback(){this.loadTask.abort(),super.disconnectedCallback()}client(){return z(this.api)}change(e,t){if(this.draft=e,t.some(e=>this.errors.has(e))){let e=new Map(this.errors);for(let n of t)e.delete(n);this.errors=e}}editRoute(e,t){if(!this.draft)return;let n=this.draft.routes.map(n=>n.key===e.key?{...n,...t}:n);this.change({...this.draft,routes:n},Object.keys(t).map(t=>`route:${e.key}:${t}`))}handleAddRow=async()=>{if(!this.draft)return;let e=co();this.change({...this.draft,routes:[...this.draft.routes,e]},[]),await this.updateComplete,this.querySelector(`#pr-route-${e.key}-serviceId`)?.focus()};removeRow(e){if(!this.draft)return;let t=this.draft.routes.filter(t=>t.key!==e.key);this.change({...this.draft,routes:t},[`route:${e.key}:serviceId`,`route:${e.key}:priorityId`,`route:${e.key}:escalationPolicyId`]),this.querySelector(`[data-testid=priority-routing-add-row]`)?.focus()}handleSubmit=e=>{e.preventDefault();let t=this.loadTask.value;if(!this.draft||!t||this.saveTask.status===v.PENDING)return;let n=ho(this.draft);n.size>0?(this.errors=n,this.toasts.value?.show({variant:`error`,title:`Priority routing not saved`,message:`Fix the rows marked in red.`}),this.focusFirstError()):this.saveTask.run([this.draft,t.fields])};async handleSaved(e){let t=this.loadTask.value;t&&(t.routing=e),this.draft=lo(e),this.errors=new Map;let n=e.routes.filter(e=>e.active).length;this.toasts.value?.show({variant:`success`,title:`Priority routing saved`,message:`${n} active row${n===1?``:`s`} of ${e.routes.length}; ${e.caseValues.length} Case value${e.caseValues.length===1?``:`s`} mapped to priorities.`}),await this.updateComplete,this.querySelector(`[data-testid=priority-routing-save]`)?.focus()}async handleSaveFailed(e){let t=this.loadTask.value,n=e instanceof b?e.fieldErrors:[];this.draft&&t&&(this.errors=mo(n,this.draft,fo(this.draft,t.fields))),this.toasts.value?.show({variant:`error`,title:`Priority routing not saved`,message:n.length?`${n.length===1?`One problem`:`${n.length} problems`}, marked next to the rows: ${n[0]?.message??``}`:x(e)}),await this.focusFirstError()}async focusFirstError(){await this.updateComplete,this.querySelector(`[aria-invalid="true"]`)?.focus()}renderRoute(e,t,n,r){let i=(n,i,a,o)=>l`<td data-label=${i}>
        ${K({id:`pr-route-${e.key}-${n}`,label:`${i}, row ${t+1}`,hideLabel:!0,value:e[n],options:a.map(e=>({value:e.id,label:e.name})),emptyLabel:o,disabled:r,error:this.errors.get(`route:${e.key}:${n}`),testId:`priority-route-${n}`,onChange:t=>this.editRoute(e,{[n]:t})})}
      </td>`;return l`<tr class="slds-hint-parent" data-testid="priority-route-row">
      ${i(`serviceId`,`Service`,n.services,`— Choose a service —`)}
      ${i(`priorityId`,`Priority`,n.priorities,`— Choose a priority —`)}
      ${i(`escalationPolicyId`,`Escalation policy`,n.escalationPolicies,`— Choose a policy —`)}
      <td data-label="Active">
        <div class="slds-form-element">
          <label class="slds-checkbox_toggle slds-grid">
            <span class="slds-assistive-text">Active, row ${t+1}</span>
            <input
              type="checkbox"
              .checked=${e.active}
              ?disabled=${r}
              data-testid="priority-route-active"
              aria-describedby="pr-route-${e.key}-active"
              @change=${t=>this.editRoute(e,{active:t.target.checked})}
            />
            <span id="pr-route-${e.key}-active" class="slds-checkbox_faux_container">
              <span class="slds-checkbox_faux"></span>
              <span class="slds-checkbox_on">Active</span>
              <span class="slds-checkbox_off">Inactive</span>
            </span>
          </label>
        </div>
      </td>
      <td>
        <button
          type="button"
          class="slds-button slds-button_icon slds-button_icon-border-filled"
          title="Remove row ${t+1}"
          ?disabled=${r}
          data-testid="priority-route-remove"
          @click=${()=>this.removeRow(e)}
        >
          ${O(`delete`)}<span class="slds-assistive-text">Remove row ${t+1}</span>
        </button>
      </td>
    </tr>`}renderRoutes(e,t,n){return l`<h3 class="slds-text-heading_small slds-m-bottom_x-small" id="pr-routes-title">Priority → escalation policy</h3>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">
        When an incident of a service is created at a priority, or its priority changes in Salesforce or PagerDuty, it is reassigned to the row's escalation
        policy. An inactive or missing row leaves the incident's policy alone.
      </p>
      <table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_edit pd-priority-routing__table" aria-labelledby="pr-routes-title">
        <thead>
          <tr class="slds-line-height_reset">
            <th scope="col"><div class="slds-truncate" title="Service">Service</div></th>
            <th scope="col"><div class="slds-truncate" title="Priority">Priority</div></th>
            <th scope="col"><div class="slds-truncate" title="Escalation policy">Escalation policy</div></th>
            <th scope="col" class="pd-priority-routing__narrow"><div class="slds-truncate" title="Active">Active</div></th>
            <th scope="col" class="pd-priority-routing__narrow"><span class="slds-assistive-text">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          ${e.routes.length===0?l`<tr>
                  <td colspan="5" class="slds-text-color_weak" data-testid="priority-routing-empty">
                    No rows: incidents keep the escalation policy of their service.
                  </td>
                </tr>`:pe(e.routes,e=>e.key,(e,r)=>this.renderRoute(e,r,t,n))}
        </tbody>
      </table>
      ${t.priorities.length===0?l`<p class="slds-text-color_error slds-m-top_x-small">
              This PagerDuty account has no priorities: turn them on in PagerDuty to route by priority.
            </p>`:u}
      <button
        type="button"
        class="slds-button slds-button_neutral slds-m-top_small"
        ?disabled=${n}
        data-testid="priority-routing-add-row"
        @click=${this.handleAddRow}
      >
        ${O(`add`)}Add row
      </button>`}renderCaseValues(e,t,n,r){let i=uo(t),a=i.find(t=>t.name===e.caseField),o=n.priorities.map(e=>({value:e.id,label:e.name}));return l`<h3 class="slds-text-heading_small slds-m-top_large slds-m-bottom_x-small" id="pr-values-title">Case field → PagerDuty priority</h3>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">
        An incident created for a Case takes the priority its value maps to (unless the rule sets one); when the field changes on a linked Case, the incident's
        priority follows.
      </p>
      <div class="pd-priority-routing__field">
        ${K({id:`pr-case-field`,label:`Case field`,value:e.caseField,options:i.map(e=>({value:e.name,label:`${e.label} (${e.name})`})),emptyLabel:`— None —`,disabled:r,error:this.errors.get(`caseField`),testId:`priority-routing-case-field`,help:`A picklist field of the Case, from the live describe.`,onChange:e=>this.draft&&this.change({...this.draft,caseField:e},[`caseField`])})}
      </div>
      ${a?l`<table
              class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_edit slds-m-top_small pd-priority-routing__values"
              aria-labelledby="pr-values-title"
            >
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Case ${a.label}</div></th>
                  <th scope="col"><div class="slds-truncate">PagerDuty priority</div></th>
                </tr>
              </thead>
              <tbody>
                ${a.picklistValues.map((t,n)=>l`<tr data-testid="priority-value-row">
                      <th scope="row">${t}</th>
                      <td>
                        ${K({id:`pr-value-${n}`,label:`PagerDuty priority for ${a.label} ${t}`,hideLabel:!0,value:e.caseValues[t]??``,options:o,emptyLabel:`— Not mapped —`,disabled:r,error:this.errors.get(`value:${t}`),testId:`priority-value-${t}`,onChange:e=>this.draft&&this.change({...this.draft,caseValues:{...this.draft.caseValues,[t]:e}},[`value:${t}`])})}
                      </td>
                    </tr>`)}
              </tbody>
            </table>`:u}`}renderForm({routing:e,fields:t,pagerduty:n}){let r=this.draft??lo(e),i=this.saveTask.status===v.PENDING;return l`<form novalidate @submit=${this.handleSubmit}>
      ${this.renderRoutes(r,n,i)} ${this.renderCaseValues(r,t,n,i)}
      <div class="pd-authoring__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${i} data-testid="priority-routing-save">
          ${i?`Saving…`:`Save`}
        </button>
      </div>
    </form>`}render(){return l`<article class="slds-card slds-card_boundary slds-m-top_medium" aria-labelledby="priority-routing-title" data-testid="priority-routing-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`queue`)}</div>
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="priority-routing-title">Priority routing</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${this.loadTask.render({initial:()=>q(`Loading priority routing`),pending:()=>q(`Loading priority routing`),complete:e=>this.renderForm(e),error:e=>J(`Could not load priority routing. ${x(e)}`,()=>void this.loadTask.run())})}
      </div>
    </article>`}};customElements.define(`pd-priority-routing`,go);var _o=class extends o{static properties={draft:{state:!0},errors:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});loadTask=new y(this,{task:async(e,{signal:t})=>{let n=this.authoring(),[r,i]=await Promise.all([n.objectMapping(t),n.caseFields(t)]);return this.draft=qa(r),{mapping:r,fields:i.fields}},args:()=>[]});saveTask=new y(this,{autoRun:!1,task:async([e])=>this.authoring().saveObjectMapping(Ya(e)),onComplete:e=>void this.handleSaved(e),onError:e=>void this.handleSaveFailed(e)});constructor(){super(),this.draft=void 0,this.errors=new Map}createRenderRoot(){return this}disconnectedCallback(){this.loadTask.abort(),super.disconnectedCallback()}authoring(){return new W(z(this.api))}edit(e,t){if(this.draft&&(this.draft={...this.draft,[e]:t},this.errors.has(e))){let t=new Map(this.errors);t.delete(e),this.errors=t}}handleSubmit=e=>{if(e.preventDefault(),!this.draft||this.saveTask.status===v.PENDING)return;let t=$a(this.draft);t.size>0?(this.errors=t,this.focusFirstError()):this.saveTask.run([this.draft])};async handleSaved(e){let t=this.loadTask.value;t&&(t.mapping=e),this.draft=qa(e),this.errors=new Map,this.toasts.value?.show({variant:`success`,title:`Object mapping saved`,...e.integrationUser?{message:`Incidents are written as ${e.integrationUser.name}.`}:{}}),await this.updateComplete,this.querySelector(`[data-testid=object-mapping-save]`)?.focus()}async handleSaveFailed(e){let t=e instanceof b?e.fieldErrors:[];this.errors=Er(t),this.toasts.value?.show({variant:`error`,title:`Object mapping not saved`,message:t.length?Dr(t,Y):x(e)}),await this.focusFirstError()}async focusFirstError(){await this.updateComplete,(this.querySelector(`[aria-invalid="true"]`)??this.querySelector(`[data-testid=object-mapping-save]`))?.focus()}renderForm({mapping:e,fields:t}){let n=this.draft??qa(e),r=this.saveTask.status===v.PENDING,i=e=>e.map(e=>({value:e.name,label:`${e.label} (${e.name})`})),a=i(Za(t)),o=i(Qa(t)),s=e.integrationUser,c=e.integrationUserEmail??``,d=n.integrationUserEmail.trim()===c?s?l`Matches PagerDuty user <strong data-testid="integration-user-name">${s.name}</strong>. Incidents and notes are written on their behalf.`:e.integrationUserProblem??`The PagerDuty user on whose behalf incidents are written (the From header).`:`Checked against PagerDuty users when you save.`;return l`<article class="slds-card slds-card_boundary" aria-labelledby="object-mapping-title" data-testid="object-mapping-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${D(`case`)}</div>
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="object-mapping-title">Case ⇄ PagerDuty Incident</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${K({stacked:!0,id:`om-business-object`,label:Y.businessObject,value:`Case`,options:[{value:`Case`,label:`Case`}],help:`Case is the only business object mapped to PagerDuty incidents.`,onChange:()=>{}})}
          ${K({stacked:!0,id:`om-title-field`,label:Y.titleField,value:n.titleField,options:a,required:!0,disabled:r,error:this.errors.get(`titleField`),help:`The Case field that becomes the incident title (a rule may override it).`,onChange:e=>this.edit(`titleField`,e)})}
          ${K({stacked:!0,id:`om-description-field`,label:Y.descriptionField,value:n.descriptionField,options:a,emptyLabel:`— None —`,disabled:r,error:this.errors.get(`descriptionField`),help:`The Case field that becomes the incident details.`,onChange:e=>this.edit(`descriptionField`,e)})}
          ${Ar({id:`om-integration-email`,label:Y.integrationUserEmail,type:`email`,value:n.integrationUserEmail,error:this.errors.get(`integrationUserEmail`),help:d,disabled:r,onInput:e=>this.edit(`integrationUserEmail`,e)})}
          <div class="slds-form-element slds-form-element_stacked">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="om-sync-comments"
                  .checked=${n.syncCommentsToNotes}
                  ?disabled=${r}
                  aria-describedby="om-sync-comments-help"
                  @change=${e=>this.edit(`syncCommentsToNotes`,e.target.checked)}
                />
                <label class="slds-checkbox__label" for="om-sync-comments">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">${Y.syncCommentsToNotes}</span>
                </label>
              </div>
            </div>
            <div class="slds-form-element__help slds-text-color_weak" id="om-sync-comments-help">
              Each new Case comment on a linked Case becomes a note on its incident.
            </div>
          </div>
          ${n.syncCommentsToNotes?va(`Comment sync polls CaseComment and costs Salesforce API calls from your daily allocation.`,`sync-comments-warning`):u}
          ${K({stacked:!0,id:`om-status-updates`,label:Y.statusUpdatesToCases,value:n.statusUpdatesToCases,options:Xa,disabled:r,testId:`om-status-updates`,error:this.errors.get(`statusUpdatesToCases`),help:`Each status update published on an incident becomes a comment on every Case linked to it.`,onChange:e=>this.edit(`statusUpdatesToCases`,e)})}
          <div class="slds-form-element slds-form-element_stacked slds-m-top_small">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="om-write-back"
                  .checked=${n.writeBack}
                  ?disabled=${r}
                  @change=${e=>this.edit(`writeBack`,e.target.checked)}
                />
                <label class="slds-checkbox__label" for="om-write-back">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">Write incident number / URL to Case field</span>
                </label>
              </div>
            </div>
          </div>
          ${n.writeBack?l`${K({stacked:!0,id:`om-incident-number-field`,label:Y.incidentNumberField,value:n.incidentNumberField,options:o,emptyLabel:`— None —`,disabled:r,error:this.errors.get(`incidentNumberField`),onChange:e=>this.edit(`incidentNumberField`,e)})}
                ${K({stacked:!0,id:`om-incident-url-field`,label:Y.incidentUrlField,value:n.incidentUrlField,options:o,emptyLabel:`— None —`,disabled:r,error:this.errors.get(`incidentUrlField`),onChange:e=>this.edit(`incidentUrlField`,e)})}`:u}
          <div class="pd-authoring__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${r} data-testid="object-mapping-save">
              ${r?`Saving…`:`Save`}
            </button>
          </div>
        </form>
      </div>
    </article>`}render(){return l`<div class="pd-authoring__header">
        <h2 class="slds-text-heading_medium">Object Mappings</h2>
        <p class="slds-text-body_small slds-text-color_weak">Which Case fields make an incident, and who PagerDuty sees writing it.</p>
      </div>
      ${this.loadTask.render({initial:()=>q(`Loading the object mapping`),pending:()=>q(`Loading the object mapping`),complete:e=>this.renderForm(e),error:e=>J(`Could not load the object mapping. ${x(e)}`,()=>void this.loadTask.run())})}
      <pd-priority-routing></pd-priority-routing>
      <pd-field-mappings></pd-field-mappings>`}};customElements.define(`pd-object-mappings-tab`,_o);var vo=(e,t)=>{let n=e._$AN;if(n===void 0)return!1;for(let e of n)e._$AO?.(t,!1),vo(e,t);return!0},yo=e=>{let t,n;do{if((t=e._$AM)===void 0)break;n=t._$AN,n.delete(e),e=t}while(n?.size===0)},bo=e=>{for(let t;t=e._$AM;e=t){let n=t._$AN;if(n===void 0)t._$AN=n=new Set;else if(n.has(e))break;n.add(e),Co(t)}};function xo(e){this._$AN===void 0?this._$AM=e:(yo(this),this._$AM=e,bo(this))}function So(e,t=!1,n=0){let r=this._$AH,i=this._$AN;if(i!==void 0&&i.size!==0){if(t){if(Array.isArray(r))for(let e=n;e<r.length;e++)vo(r[e],!1),yo(r[e]);else r!=null&&(vo(r,!1),yo(r))}else vo(this,e)}}var Co=e=>{e.type==S.CHILD&&(e._$AP??=So,e._$AQ??=xo)},wo=class extends se{constructor(){super(...arguments),this._$AN=void 0}_$AT(e,t,n){super._$AT(e,t,n),bo(this),this.isConnected=e._$AU}_$AO(e,t=!0){e!==this.isConnected&&(this.isConnected=e,e?this.reconnected?.():this.disconnected?.()),t&&(vo(this,e),yo(this))}setValue(e){if(de(this._$Ct))this._$Ct._$AI(e,this);else{let t=[...this._$Ct._$AH];t[this._$Ci]=e,this._$Ct._$AI(t,this,0)}}disconnected(){}reconnected(){}},To=new WeakMap,Eo=ue(class extends wo{render(e){return u}update(e,[t]){let n=t!==this.G;return n&&this.rt(void 0),(n||this.lt!==this.ct)&&(this.G=t,this.ht=e.options?.host,this.rt(this.ct=e.element)),u}rt(e){if(this.G!==void 0){if(this.isConnected||(e=void 0),typeof this.G==`function`){let t=this.ht??globalThis,n=To.get(t);n===void 0&&(n=new WeakMap,To.set(t,n)),n.get(this.G)!==void 0&&this.G.call(this.ht,void 0),n.set(this.G,e),e!==void 0&&this.G.call(this.ht,e)}else this.G.value=e}}get lt(){return typeof this.G==`function`?To.get(this.ht??globalThis)?.get(this.G):this.G?.value}disconnected(){this.lt===this.ct&&this.rt(void 0)}reconnected(){this.rt(this.ct)}});function Do(e){return e?l`<dialog
    ${Eo(Oo)}
    role="alertdialog"
    aria-labelledby="${e.id}-heading"
    aria-describedby="${e.id}-body"
    class="slds-modal slds-fade-in-open slds-modal_prompt pd-confirm-modal"
    data-testid=${e.id}
    @cancel=${t=>{t.preventDefault(),e.onCancel()}}
  >
    <div class="slds-modal__container">
      <div class="slds-modal__header slds-theme_error slds-theme_alert-texture">
        <h2 class="slds-text-heading_medium" id="${e.id}-heading">${e.title}</h2>
      </div>
      <div class="slds-modal__content slds-p-around_medium" id="${e.id}-body">${e.body}</div>
      <div class="slds-modal__footer">
        <button class="slds-button slds-button_neutral" type="button" autofocus @click=${e.onCancel}>Cancel</button>
        <button
          class="slds-button slds-button_destructive"
          type="button"
          aria-busy=${e.busy?`true`:`false`}
          data-testid="${e.id}-confirm"
          @click=${e.onConfirm}
        >
          ${e.confirmLabel}
        </button>
      </div>
    </div>
  </dialog>`:u}function Oo(e){e instanceof HTMLDialogElement&&queueMicrotask(()=>{e.isConnected&&!e.open&&e.showModal()})}function ko(e){let t=new URLSearchParams(e.replace(/^#/,``)),n=t.get(`ruleset`)||null;return{rulesetId:n,ruleId:n&&t.get(`rule`)||null}}function Ao(e){if(!e.rulesetId)return``;let t=new URLSearchParams({ruleset:e.rulesetId});return e.ruleId&&t.set(`rule`,e.ruleId),`#${t.toString()}`}function jo(e,t,n){let r=t+n;if(t<0||t>=e.length||r<0||r>=e.length)return[...e];let i=[...e];return[i[t],i[r]]=[i[r],i[t]],i}function Mo(e){return(e.pagerduty?.incidentCustomFields??[]).map(e=>ea({name:e.name,displayName:e.displayName,dataType:e.dataType,fieldType:e.fieldType,...e.options.length>0?{options:e.options}:{}}))}function No(e,t){if(t===`incident`){let t=e.incident.fields.map(e=>({key:e.key,label:e.label,type:e.type,kind:Zi(e.type),picklistValues:e.picklistValues,operators:e.operators})),n=Mo(e).map(e=>({key:e.key,label:e.label,type:e.type,kind:e.kind,picklistValues:[...e.picklistValues??[]],operators:da(e).map(e=>({name:e,label:la[e].label,value:la[e].value}))}));return[...t,...n]}return e.caseFields.filter(e=>e.supported).map(e=>({key:`Case.${e.name}`,label:`${e.label} (${e.name})`,type:e.type,kind:Zi(e.type),picklistValues:e.picklistValues,operators:e.operators}))}function Po(e,t){let n=t.pagerduty,r=e=>e.map(e=>({value:e.id,label:e.name})),i=e=>e.map(e=>({value:e.name,label:e.name}));if(n)switch(e.key){case`incident.service_id`:return r(n.services);case`incident.service_name`:return i(n.services);case`incident.priority_id`:return r(n.priorities);case`incident.priority_name`:return i(n.priorities);case`incident.escalation_policy_id`:return r(n.escalationPolicies);case`incident.escalation_policy_name`:return i(n.escalationPolicies);case`incident.assignee_ids`:return r(n.users);case`incident.assignee_names`:return i(n.users);case`incident.responder_ids`:return r(n.users);case`incident.responder_names`:return i(n.users);case`incident.workflow_id`:return r(n.incidentWorkflows);case`incident.workflow_name`:return i(n.incidentWorkflows)}if(e.kind===`boolean`)return[{value:`true`,label:`True`},{value:`false`,label:`False`}];let a=e.key===`incident.event_type`?ia:e=>e;return e.picklistValues.length>0?e.picklistValues.map(e=>({value:e,label:a(e)})):null}function Fo(e,t,n){if(t===`none`)return;if(t===`list`){let t=(Array.isArray(n)?n:n.split(`,`)).map(e=>e.trim()).filter(e=>e!==``);return e===`number`?t.map(e=>Number.isFinite(Number(e))?Number(e):e):t}let r=Array.isArray(n)?n[0]??``:n;if(e===`number`&&r.trim()!==``&&Number.isFinite(Number(r)))return Number(r);if(e===`boolean`&&(r===`true`||r===`false`))return r===`true`;if(e===`datetime`&&/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(r)){let e=new Date(r);return Number.isNaN(e.getTime())?r:e.toISOString()}return r}function Io(e){if(typeof e!=`string`||e===``)return``;let t=new Date(e);if(Number.isNaN(t.getTime()))return``;let n=e=>String(e).padStart(2,`0`);return`${t.getFullYear()}-${n(t.getMonth()+1)}-${n(t.getDate())}T${n(t.getHours())}:${n(t.getMinutes())}`}function Lo(e){return e===void 0?``:Array.isArray(e)?e.join(`, `):String(e)}function Ro(e){return e===void 0?[]:Array.isArray(e)?e.map(String):[String(e)]}function zo(e){return e.kind===`case`?Ut:Wt}var Bo=na;function Vo(e,t){switch(e){case`create_incident`:return{type:e,serviceId:t.pagerduty?.services[0]?.id??``};case`update_incident`:return{type:e,status:`acknowledged`};case`add_note`:return{type:e,content:``};case`escalate_incident`:return{type:e,level:2};case`snooze_incident`:return{type:e,durationMinutes:60};case`resolve_incident`:return{type:e};case`add_responders`:return{type:e,userIds:[],message:``};case`publish_status_update`:return{type:e,message:``};case`start_incident_workflow`:return{type:e,workflowId:t.pagerduty?.incidentWorkflows[0]?.id??``};case`set_conference_bridge`:return{type:e,conferenceUrl:``};case`set_case_fields`:{let n=Ho(t,`set_case_fields`)[0];return{type:e,values:n?{[n.name]:``}:{}}}case`create_case`:return{type:e,values:Object.fromEntries(t.caseFields.filter(e=>e.requiredForCreate).map(e=>[e.name,``]))};case`add_case_comment`:return{type:e,body:``}}}function Ho(e,t){return e.caseFields.filter(e=>e.supported&&(t===`create_case`?e.createable:e.updateable))}function Uo(e,t){return t.caseFields.filter(t=>t.requiredForCreate&&(e[t.name]===void 0||e[t.name]===``||e[t.name]===null))}function Wo(e,t){return t===`incident`?[...e.incident.fields,...Mo(e)].map(e=>({key:e.key,label:e.label})):e.caseFields.filter(e=>e.supported).map(e=>({key:`Case.${e.name}`,label:e.label}))}function Go(e,t,n,r){let i=Math.max(0,Math.min(t,e.length)),a=Math.max(i,Math.min(n,e.length));return{text:e.slice(0,i)+r+e.slice(a),caret:i+r.length}}function Ko(e){return[`picklist`,`multipicklist`,`combobox`].includes(e.type)&&e.picklistValues.length>0}function qo(e,t){if(t===null||t===``)return!0;if(typeof t!=`string`)return!1;let n=new Set(e.picklistValues);return e.type===`multipicklist`?t.split(`;`).every(e=>n.has(e.trim())):n.has(t)}function Jo(e,t,n){return t===n||Object.hasOwn(e,n)?e:Object.fromEntries(Object.entries(e).map(([e,r])=>[e===t?n:e,r]))}function Yo(e,t){let n=new Map,r=[],i=`rules[${t}]`;for(let t of e)if(t.path===i||t.path.startsWith(`${i}.`)){let e=t.path.slice(i.length).replace(/^\./,``);n.has(e)||n.set(e,t.message)}else r.push(t);return{own:n,others:r}}function Xo(e=Math.random){return`rule-${Date.now().toString(36)}-${Math.floor(e()*36**6).toString(36).padStart(6,`0`)}`}function Zo(e){return e.kind===`case`?`Case ${e.on===`both`?`created or updated`:e.on===`create`?`created`:`updated`}`:`PagerDuty: ${e.events.map(e=>ta[e]).join(`, `)}`}var Qo={type:`Action type`,serviceId:`Service`,urgency:`Urgency`,priorityId:`Priority`,escalationPolicyId:`Escalation policy`,title:`Title override`,details:`Details override`,status:`Status`,assignToUserIds:`Reassign to`,content:`Note`,body:`Comment`,isPublished:`Public comment`,values:`Case fields`,level:`Escalation level`,durationMinutes:`Snooze for`,resolution:`Resolution note`,userIds:`Responders`,escalationPolicyIds:`Responders`,message:`Message`,workflowId:`Workflow`,conferenceNumber:`Conference number`,conferenceUrl:`Conference URL`},$o={add_responders:{message:`Message to responders`},publish_status_update:{message:`Status update`}};function es(e,t){return(e?$o[e]?.[t]:void 0)??Qo[t]}var ts=/^([A-Za-z]+)\[(\d+)\]\.?(.*)$/;function ns(e,t,n){if(e===``)return``;let r=ts.exec(e);if(r){let[,e,i,a=``]=r,o=Number(i)+1;if(e===`conditions`){let e={field:`Field`,operator:`Operator`,value:`Value`}[a.split(/[.[]/)[0]??``];return a===``?`Condition ${o}`:`Condition ${o} › ${e??a}`}if(e===`actions`){if(a===``)return`Action ${o}`;let[e=``,...r]=a.split(`.`);if(e===`values`&&r.length>0){let e=r.join(`.`);return`Action ${o} › ${n.caseFields.find(t=>t.name===e)?.label??e}`}return`Action ${o} › ${es(t?.actions[Number(i)]?.type,e.replace(/\[\d+\]$/,``))??a}`}}return e.startsWith(`runOn.events`)?`PagerDuty events`:e.startsWith(`runOn`)?t?.runOn.kind===`incident`?`PagerDuty events`:`Run rule on`:e.startsWith(`filterLogic`)?`Filter logic`:{name:`Rule name`,id:`Rule id`,conditions:`Conditions`,actions:`Actions`,stopProcessing:`Stop processing`}[e]??e}function rs(e,t,n){let r=ts.exec(e);if(r){let[,e,i,a=``]=r,o=Number(i)+1;if(e===`rulesets`){let e=a===``?``:rs(a,void 0,n);return e?`Ruleset ${o} › ${e}`:`Ruleset ${o}`}if(e===`rules`){let e=t?.rules[Number(i)],r=e?`Rule ${o} "${e.name}"`:`Rule ${o}`,s=n?ns(a,e,n):a;return s?`${r} › ${s}`:r}}return{name:`Ruleset name`,enabled:`Enabled`,rules:`Rules`,format:`File format`,schemaVersion:`File version`}[e]??e}function is(e,t){return e?`${e}: ${t}`:t}function as(e,t){if(e===`name`)return`rule-name`;if(e.startsWith(`filterLogic`))return`logic-expression`;if(e===`runOn.on`)return`run-on-case-change`;let n=/^conditions\[(\d+)\]\.(field|operator|value)/.exec(e);if(n)return`condition-${n[1]??``}-${n[2]??``}`;let r=/^actions\[(\d+)\]\.values\.(.+)$/.exec(e);if(r){let e=t.actions[Number(r[1])],n=e&&`values`in e?Object.keys(e.values).indexOf(r[2]??``):-1;return n>=0?`action-${r[1]??``}-value-${n}`:void 0}let i=/^actions\[(\d+)\]\.([A-Za-z]+)(\[\d+\])?$/.exec(e);if(i&&i[2]!==`values`&&i[2]!==`isPublished`)return`action-${i[1]??``}-${os[i[2]??``]??i[2]??``}`;let a=/^actions\[(\d+)\]$/.exec(e);if(a){let e=ss[t.actions[Number(a[1])]?.type??``];return e?`action-${a[1]??``}-${e}`:void 0}}var os={assignToUserIds:`assignees`,userIds:`responders-user`,escalationPolicyIds:`responders-policy`},ss={update_incident:`status`,add_responders:`responders-user`,set_conference_bridge:`conferenceNumber`};function X(e,t,n){e.changeDraft(e=>({...e,actions:e.actions.map((e,r)=>r===t?n:e)}),`actions[${t}]`)}function cs(e,t,n,r,i,a,o,s=!1){let c=`action-${t}-${n}`,d=e.err(`actions[${t}].${n}`);return a?K({id:c,label:r,value:i??``,options:a.map(e=>({value:e.id,label:e.name})),...s?{}:{emptyLabel:`— Default —`},required:s,testId:c,error:d,onChange:e=>o(e||void 0)}):l`<div class="slds-form-element ${d?`slds-has-error`:``}">
      <label class="slds-form-element__label" for=${c}>${r} (PagerDuty id)</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          id=${c}
          data-testid=${c}
          .value=${V(i??``)}
          @change=${e=>o(e.target.value.trim()||void 0)}
        />
      </div>
      ${d?l`<div class="slds-form-element__help">${d}</div>`:u}
    </div>`}function Z(e,t,n,r,i,a,o={}){let s=`action-${t}-${n}`,c=e.err(`actions[${t}].${n}`)??o.error,d=[o.help?`${s}-help`:``,c?`${s}-error`:``].filter(Boolean).join(` `)||u,f=e=>a(e.target.value);return l`<div class="slds-form-element ${c?`slds-has-error`:``}">
    <label class="slds-form-element__label" for=${s}
      >${o.required?l`<abbr class="slds-required" title="required">* </abbr>`:u}${r}</label
    >
    <div class="slds-form-element__control">
      ${o.multiline?l`<textarea
              class="slds-textarea"
              id=${s}
              data-testid=${s}
              .value=${V(i??``)}
              aria-invalid=${c?`true`:`false`}
              aria-describedby=${d}
              @input=${f}
            ></textarea>`:l`<input
              class="slds-input"
              id=${s}
              data-testid=${s}
              .value=${V(i??``)}
              aria-invalid=${c?`true`:`false`}
              aria-describedby=${d}
              @input=${f}
            />`}
    </div>
    ${o.help?l`<div class="slds-form-element__help slds-text-color_weak" id="${s}-help">${o.help}</div>`:u}
    ${c?l`<div class="slds-form-element__help" id="${s}-error" data-testid="${s}-error">${c}</div>`:u}
    ${o.template?ls(e,s,o.template,i??``,a):u}
  </div>`}function ls(e,t,n,r,i){let a=Wo(e.meta,n);return l`<div class="pd-authoring__field-picker">
    <label class="slds-form-element__label slds-assistive-text" for="${t}-insert">Insert a field into ${t}</label>
    <div class="slds-select_container">
      <select
        class="slds-select"
        id="${t}-insert"
        data-testid="${t}-insert"
        @change=${async e=>{let n=e.target,a=n.value;if(n.value=``,!a)return;let o=document.getElementById(t),s=`{{${a}}}`,{text:c,caret:l}=o instanceof HTMLInputElement||o instanceof HTMLTextAreaElement?Go(r,o.selectionStart??r.length,o.selectionEnd??r.length,s):Go(r,r.length,r.length,s);i(c),await Promise.resolve(),(o instanceof HTMLInputElement||o instanceof HTMLTextAreaElement)&&(o.focus(),o.setSelectionRange(l,l))}}
      >
        <option value="">Insert a field…</option>
        ${a.map(e=>l`<option value=${e.key}>${e.label} — {{${e.key}}}</option>`)}
      </select>
    </div>
  </div>`}function Q(e){return Object.fromEntries(Object.entries(e).filter(([,e])=>e!==void 0))}function us(e,t,n,r,i,a,o){let s=`action-${t}-${n}`,c=e.err(`actions[${t}].${n}`),d=[o.help?`${s}-help`:``,c?`${s}-error`:``].filter(Boolean).join(` `)||u;return l`<div class="slds-form-element ${c?`slds-has-error`:``}">
    <label class="slds-form-element__label" for=${s}><abbr class="slds-required" title="required">* </abbr>${r}</label>
    <div class="slds-form-element__control pd-authoring__number">
      <input
        class="slds-input"
        id=${s}
        data-testid=${s}
        type="number"
        inputmode="numeric"
        min=${o.min}
        max=${o.max}
        step="1"
        required
        .value=${V(Number.isFinite(i)?String(i):``)}
        aria-invalid=${c?`true`:`false`}
        aria-describedby=${d}
        @change=${e=>{let t=e.target.value;a(t.trim()===``||!Number.isFinite(Number(t))?0:Number(t))}}
      />
    </div>
    ${o.help?l`<div class="slds-form-element__help slds-text-color_weak" id="${s}-help">${o.help}</div>`:u}
    ${c?l`<div class="slds-form-element__help" id="${s}-error" data-testid="${s}-error">${c}</div>`:u}
  </div>`}function ds(e,t){let n=new Map(t.users.map(e=>[e.id,e.name])),r=new Map(t.escalationPolicies.map(e=>[e.id,e.name])),i=(e,t)=>n=>{let r=t.get(n);return{kind:e,id:n,label:r??`${n} (not found in PagerDuty)`,unknown:r===void 0}};return[...(e.userIds??[]).map(i(`user`,n)),...(e.escalationPolicyIds??[]).map(i(`policy`,r))]}function fs(e,t){let n=new Set(e.userIds??[]),r=new Set(e.escalationPolicyIds??[]);return{users:t.users.filter(e=>!n.has(e.id)),policies:t.escalationPolicies.filter(e=>!r.has(e.id))}}function ps(e,t,n,r){let i=t===`user`?`userIds`:`escalationPolicyIds`,a=e[i]??[],o=r?a.includes(n)?a:[...a,n]:a.filter(e=>e!==n),{[i]:s,...c}=e;return o.length>0||t===`user`?{...c,[i]:o}:c}function ms(e){return[...new Set(e.split(/[\s,]+/).filter(e=>e!==``))]}function hs(e){let t=`${e.idPrefix}-error`,n=e.error?t:u,r=e.error?`true`:`false`,i=e.lists,a=i?gs(e,i,n,r):_s(e,n,r);return l`<fieldset class="slds-form-element pd-responder-picker ${e.error?`slds-has-error`:``}" data-testid="${e.idPrefix}">
    <legend class="slds-form-element__legend slds-form-element__label"><abbr class="slds-required" title="required">* </abbr>Responders</legend>
    ${a} ${e.error?l`<div class="slds-form-element__help" id=${t} data-testid=${t}>${e.error}</div>`:u}
  </fieldset>`}function gs(e,t,n,r){let i=ds(e.targets,t),a=fs(e.targets,t),o=t=>n=>{let r=n.target,i=r.value;r.value=``,i&&e.onChange(ps(e.targets,t,i,!0))},s=(t,n)=>{e.onChange(ps(e.targets,t,n,!1)),document.getElementById(`${e.idPrefix}-${t}`)?.focus()},c=(t,i,a)=>l`<div class="slds-form-element pd-responder-picker__add">
      <label class="slds-form-element__label" for="${e.idPrefix}-${t}">${i}</label>
      <div class="slds-form-element__control">
        <div class="slds-select_container">
          <select
            class="slds-select"
            id="${e.idPrefix}-${t}"
            data-testid="${e.idPrefix}-${t}"
            aria-invalid=${r}
            aria-describedby=${n}
            .value=${V(``)}
            @change=${o(t)}
          >
            <option value="">${a.length?`— Choose —`:`— All added —`}</option>
            ${a.map(e=>l`<option value=${e.id}>${e.name}</option>`)}
          </select>
        </div>
      </div>
    </div>`;return l`<div class="slds-form-element__control">
    ${i.length?l`<ul
            class="slds-pill_container pd-responder-picker__pills"
            id="${e.idPrefix}-pills"
            aria-label="Chosen responders"
            data-testid="${e.idPrefix}-pills"
          >
            ${i.map(e=>l`<li class="pd-responder-picker__pill-item">
                  <span class="slds-pill ${e.unknown?`slds-has-error`:``}" data-testid="responder-pill" data-kind=${e.kind} data-id=${e.id}>
                    <span class="slds-icon_container slds-pill__icon_container" title=${e.kind===`user`?`User`:`Escalation policy`}>
                      ${T(e.kind===`user`?`user`:`hierarchy`,`slds-icon slds-icon_x-small slds-icon-text-default`)}
                      <span class="slds-assistive-text">${e.kind===`user`?`User`:`Escalation policy`}:</span>
                    </span>
                    <span class="slds-pill__label">${e.label}</span>
                    <button
                      class="slds-button slds-button_icon slds-pill__remove"
                      type="button"
                      title="Remove ${e.label}"
                      @click=${()=>s(e.kind,e.id)}
                    >
                      ${T(`close`,`slds-button__icon`)}
                      <span class="slds-assistive-text">Remove ${e.label}</span>
                    </button>
                  </span>
                </li>`)}
          </ul>`:l`<p class="slds-text-body_small slds-text-color_weak" data-testid="${e.idPrefix}-none">No responders chosen yet.</p>`}
    <div class="pd-responder-picker__adders">
      ${c(`user`,`Add a user`,a.users)} ${c(`policy`,`Add an escalation policy`,a.policies)}
    </div>
  </div>`}function _s(e,t,n){let r=(r,i,a)=>l`<div class="slds-form-element pd-responder-picker__add">
      <label class="slds-form-element__label" for="${e.idPrefix}-${r}">${i}</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          id="${e.idPrefix}-${r}"
          data-testid="${e.idPrefix}-${r}"
          placeholder="e.g. PABC123, PDEF456"
          aria-invalid=${n}
          aria-describedby=${t}
          .value=${V((a??[]).join(`, `))}
          @change=${t=>{let n=r===`user`?`userIds`:`escalationPolicyIds`,i=ms(t.target.value),{[n]:a,...o}=e.targets;e.onChange(i.length>0||r===`user`?{...o,[n]:i}:o)}}
        />
      </div>
    </div>`;return l`<div class="slds-form-element__control pd-responder-picker__adders">
    ${r(`user`,`User ids (PagerDuty)`,e.targets.userIds)} ${r(`policy`,`Escalation policy ids (PagerDuty)`,e.targets.escalationPolicyIds)}
  </div>`}var vs=[{unit:`minutes`,label:`Minutes`,minutes:1},{unit:`hours`,label:`Hours`,minutes:60},{unit:`days`,label:`Days`,minutes:1440}];function ys(e){for(let{unit:t,minutes:n}of[...vs].reverse())if(e>0&&Number.isInteger(e/n))return{amount:e/n,unit:t};return{amount:e,unit:`minutes`}}function bs(e,t){let n=Number(e);if(e.trim()===``||!Number.isFinite(n))return 0;let r=vs.find(e=>e.unit===t)?.minutes??1;return Math.round(n*r*1e3)/1e3}function xs(e){if(!Number.isFinite(e)||e<=0)return`${e} minutes`;let t=[],n=e;for(let{unit:e,minutes:r}of[...vs].reverse()){let i=e===`minutes`?n:Math.floor(n/r);i>0&&t.push(`${i} ${i===1?e.slice(0,-1):e}`),n-=i*r}return t.join(` `)}var Ss=`Case fields in {{…}} become their values (Insert a field…), e.g. {{Case.CaseNumber}}.`;function Cs(e,t,n){let r=e.meta.pagerduty,i=n=>X(e,t,n);switch(n.type){case`escalate_incident`:return us(e,t,`level`,`Escalation level`,n.level,e=>i({...n,level:e}),{min:1,max:20,help:`The level of the incident's escalation policy to escalate to: 1 is its first rule, at most 20.`});case`snooze_incident`:return Ts(e,t,n.durationMinutes,e=>i({...n,durationMinutes:e}));case`resolve_incident`:return Z(e,t,`resolution`,`Resolution note (optional)`,n.resolution,e=>i(Q({...n,resolution:e||void 0})),{multiline:!0,help:`Added to the incident's Resolve log entry. ${Ss}`,template:`case`});case`add_responders`:return l`${hs({idPrefix:`action-${t}-responders`,targets:n,lists:r,error:ws(e,t,n),onChange:e=>i(e)})}
      ${Z(e,t,`message`,`Message to responders`,n.message,e=>i({...n,message:e}),{multiline:!0,required:!0,help:`PagerDuty sends it with the request to respond. ${Ss}`,template:`case`})}`;case`publish_status_update`:return Z(e,t,`message`,`Status update`,n.message,e=>i({...n,message:e}),{multiline:!0,required:!0,help:`Published on the incident to its stakeholders. ${Ss}`,template:`case`});case`start_incident_workflow`:return l`${r&&r.incidentWorkflows.length===0?va(`This PagerDuty account has no incident workflows to start.`):u}
      ${cs(e,t,`workflowId`,`Workflow`,n.workflowId||void 0,r?.incidentWorkflows,e=>i({...n,workflowId:e??``}),!0)}`;case`set_conference_bridge`:return l`${Z(e,t,`conferenceNumber`,`Conference number`,n.conferenceNumber,e=>i(Q({...n,conferenceNumber:e||void 0})),{help:`Dial-in number, e.g. +1 555 0100,,1234#. Enter a number, a URL or both.`,template:`case`,error:e.err(`actions[${t}]`)})}
      ${Z(e,t,`conferenceUrl`,`Conference URL`,n.conferenceUrl,e=>i(Q({...n,conferenceUrl:e||void 0})),{help:`Meeting link starting with https://, or a template that renders one.`,template:`case`})}`}}function ws(e,t,n){let r=`actions[${t}]`,i=[r,`${r}.userIds`,`${r}.escalationPolicyIds`,...(n.userIds??[]).map((e,t)=>`${r}.userIds[${t}]`),...(n.escalationPolicyIds??[]).map((e,t)=>`${r}.escalationPolicyIds[${t}]`)].map(t=>e.err(t)).filter(e=>e!==void 0);return i.length>0?i.join(`; `):void 0}function Ts(e,t,n,r){let i=`action-${t}-durationMinutes`,a=e.err(`actions[${t}].durationMinutes`),{amount:o,unit:s}=ys(n),c=()=>{let e=document.getElementById(`${i}-unit`);return e instanceof HTMLSelectElement?e.value:s},d=()=>document.getElementById(i);return l`<fieldset class="slds-form-element ${a?`slds-has-error`:``}">
    <legend class="slds-form-element__legend slds-form-element__label"><abbr class="slds-required" title="required">* </abbr>Snooze for</legend>
    <div class="slds-form-element__control pd-authoring__duration">
      <label class="slds-assistive-text" for=${i}>Snooze for (amount)</label>
      <input
        class="slds-input"
        id=${i}
        data-testid=${i}
        type="number"
        min="1"
        step="1"
        required
        .value=${V(String(o))}
        aria-invalid=${a?`true`:`false`}
        aria-describedby="${i}-help${a?` ${i}-error`:``}"
        @change=${e=>r(bs(e.target.value,c()))}
      />
      <label class="slds-assistive-text" for="${i}-unit">Snooze for (unit)</label>
      <div class="slds-select_container">
        <select
          class="slds-select"
          id="${i}-unit"
          data-testid="${i}-unit"
          .value=${V(s)}
          @change=${e=>{let t=d();r(bs(t instanceof HTMLInputElement?t.value:String(o),e.target.value))}}
        >
          ${vs.map(e=>l`<option value=${e.unit} ?selected=${e.unit===s}>${e.label}</option>`)}
        </select>
      </div>
    </div>
    <div class="slds-form-element__help slds-text-color_weak" id="${i}-help">PagerDuty re-triggers the incident when the snooze ends; at most 7 days.</div>
    ${a?l`<div class="slds-form-element__help" id="${i}-error" data-testid="${i}-error">${a}</div>`:u}
  </fieldset>`}var Es=new Set([`string`,`textarea`,`email`,`phone`,`url`]);function Ds(e,t,n,r){return K({id:`action-${t}-urgency`,label:`Urgency`,value:n??``,options:[{value:`high`,label:`High`},{value:`low`,label:`Low`}],emptyLabel:`— Service default —`,testId:`action-${t}-urgency`,error:e.err(`actions[${t}].urgency`),onChange:e=>r(e||void 0)})}function Os(e,t,n){let r=Ho(e.meta,n.type),i=new Map(e.meta.caseFields.map(e=>[e.name,e])),a=n.type===`create_case`?Uo(n.values,e.meta):[],o=e.meta.caseFields.filter(e=>e.requiredForCreate),s=r=>X(e,t,{...n,values:r}),c=(r,i,a,o)=>{let c=`action-${t}-value-${o}`,d=e.err(`actions[${t}].values.${r}`),f=l`<label class="slds-form-element__label slds-assistive-text" for=${c}>Value for ${a?.label??r}</label>`,p=e=>s({...n.values,[r]:e}),m;if(a?.type===`boolean`)m=l`<div class="slds-select_container">
        <select
          class="slds-select"
          id=${c}
          data-testid=${c}
          .value=${V(String(i))}
          @change=${e=>p(e.target.value===`true`)}
        >
          <option value="true" ?selected=${i===!0}>True</option>
          <option value="false" ?selected=${i!==!0}>False</option>
        </select>
      </div>`;else if(a&&[`int`,`double`,`currency`,`percent`].includes(a.type))m=l`<input
        class="slds-input"
        id=${c}
        data-testid=${c}
        type="number"
        step="any"
        .value=${V(i===null?``:String(i))}
        @change=${e=>{let t=e.target.value;p(t===``?null:Number(t))}}
      />`;else if(a&&Ko(a))m=ks(e,`${t}:${r}`,c,a,i,p);else{let t=i===null?``:String(i);m=l`<input
          class="slds-input"
          id=${c}
          data-testid=${c}
          .value=${V(t)}
          @input=${e=>p(e.target.value)}
        />
        ${a&&Es.has(a.type)?ls(e,c,`incident`,t,p):u}`}return l`<div class="slds-form-element ${d?`slds-has-error`:``}">
      ${f}
      <div class="slds-form-element__control">${m}</div>
      ${d?l`<div class="slds-form-element__help">${d}</div>`:u}
    </div>`};return l`${n.type===`create_case`?l`<p class="slds-text-body_small slds-m-bottom_x-small" data-testid="action-${t}-required">
              ${o.length===0?`Salesforce requires no Case fields beyond its defaults; set the ones your org needs.`:`Required by Salesforce: ${o.map(e=>e.label).join(`, `)}.`}
            </p>
            ${a.length?l`<div class="slds-text-color_error slds-m-bottom_x-small" role="alert" data-testid="action-${t}-missing">Set the required fields: ${a.map(e=>e.label).join(`, `)}</div>`:u}`:u}
    ${e.err(`actions[${t}].values`)?l`<div class="slds-text-color_error">${e.err(`actions[${t}].values`)}</div>`:u}
    ${Object.entries(n.values).map(([e,a],o)=>{let u=i.get(e);return l`<div class="pd-authoring__pair" data-testid="action-${t}-pair">
        ${K({id:`action-${t}-field-${o}`,label:`Case field ${o+1}`,hideLabel:!0,value:e,options:r.filter(t=>t.name===e||!(t.name in n.values)).map(e=>({value:e.name,label:`${e.label} (${e.name})`})),testId:`action-${t}-field-${o}`,onChange:t=>{let r=Jo(n.values,e,t);r!==n.values&&(r[t]=i.get(t)?.type!==`boolean`&&``),s(r)}})}
        ${c(e,a,u,o)}
        <button
          class="slds-button slds-button_neutral"
          type="button"
          ?disabled=${u?.requiredForCreate&&n.type===`create_case`}
          @click=${()=>s(Object.fromEntries(Object.entries(n.values).filter(([t])=>t!==e)))}
        >
          Remove<span class="slds-assistive-text"> ${u?.label??e}</span>
        </button>
      </div>`})}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="action-${t}-add-field"
      @click=${()=>{let e=r.find(e=>!(e.name in n.values));e&&s({...n.values,[e.name]:e.type!==`boolean`&&``})}}
    >
      Add Field
    </button>
    <p class="slds-text-body_small slds-text-color_weak">
      Text values may use incident fields (Insert a field…), e.g. {{incident.number}} or {{incident.html_url}}; a blank one renders as its fallback:
      {{incident.agent_name | default: "PagerDuty"}}.
    </p>`}function ks(e,t,n,r,i,a){let o=i===null?``:String(i),s=e.freeText(t)??!qo(r,i),c=o=>l`<button
      class="slds-button slds-text-body_small"
      type="button"
      data-testid="${n}-${o?`template`:`list`}"
      @click=${()=>{e.setFreeText(t,o),!o&&!qo(r,i)&&a(``)}}
    >
      ${o?`Use a template or another value`:`Choose from the ${r.label} values`}
    </button>`;if(s)return l`<input
        class="slds-input"
        id=${n}
        data-testid=${n}
        placeholder="A value or a template, e.g. {{incident.status}}"
        .value=${V(o)}
        @input=${e=>a(e.target.value)}
      />
      ${ls(e,n,`incident`,o,a)} ${c(!1)}`;if(r.type===`multipicklist`){let e=new Set(o.split(`;`).map(e=>e.trim()));return l`<select
        class="slds-select pd-authoring__multi"
        id=${n}
        data-testid=${n}
        multiple
        @change=${e=>a([...e.target.selectedOptions].map(e=>e.value).join(`;`))}
      >
        ${r.picklistValues.map(t=>l`<option value=${t} ?selected=${e.has(t)}>${t}</option>`)}
      </select>
      ${c(!0)}`}return l`<div class="slds-select_container">
      <select class="slds-select" id=${n} data-testid=${n} .value=${V(o)} @change=${e=>a(e.target.value)}>
        <option value="" ?selected=${o===``}>— Choose —</option>
        ${r.picklistValues.map(e=>l`<option value=${e} ?selected=${e===o}>${e}</option>`)}
      </select>
    </div>
    ${c(!0)}`}function As(e,t,n){let r=e.meta.pagerduty;switch(n.type){case`create_incident`:return l`${cs(e,t,`serviceId`,`Service`,n.serviceId,r?.services,r=>X(e,t,{...n,serviceId:r??``}),!0)}
      ${Ds(e,t,n.urgency,r=>X(e,t,Q({...n,urgency:r})))}
      ${cs(e,t,`priorityId`,`Priority`,n.priorityId,r?.priorities,r=>X(e,t,Q({...n,priorityId:r})))}
      ${cs(e,t,`escalationPolicyId`,`Escalation policy`,n.escalationPolicyId,r?.escalationPolicies,r=>X(e,t,Q({...n,escalationPolicyId:r})))}
      ${Z(e,t,`title`,`Title override (optional)`,n.title,r=>X(e,t,Q({...n,title:r||void 0})),{help:`Empty: the Incident Title Field from OBJECT MAPPINGS. Case fields in {{…}} become their values, e.g. {{Case.CaseNumber}}.`,template:`case`})}
      ${Z(e,t,`details`,`Details override (optional)`,n.details,r=>X(e,t,Q({...n,details:r||void 0})),{multiline:!0,template:`case`})}`;case`update_incident`:return l`${K({id:`action-${t}-status`,label:`Status`,value:n.status??``,options:[{value:`acknowledged`,label:`Acknowledge`},{value:`resolved`,label:`Resolve`}],emptyLabel:`— No change —`,testId:`action-${t}-status`,error:e.err(`actions[${t}].status`)??e.err(`actions[${t}]`),onChange:r=>X(e,t,Q({...n,status:r||void 0}))})}
      ${r?l`<div class="slds-form-element">
              <label class="slds-form-element__label" for="action-${t}-assignees">Reassign to</label>
              <div class="slds-form-element__control">
                <select
                  class="slds-select pd-authoring__multi"
                  id="action-${t}-assignees"
                  data-testid="action-${t}-assignees"
                  multiple
                  @change=${r=>{let i=[...r.target.selectedOptions].map(e=>e.value);X(e,t,Q({...n,assignToUserIds:i.length?i:void 0}))}}
                >
                  ${r.users.map(e=>l`<option value=${e.id} ?selected=${n.assignToUserIds?.includes(e.id)??!1}>${e.name}</option>`)}
                </select>
              </div>
            </div>`:u}
      ${cs(e,t,`escalationPolicyId`,`Escalation policy`,n.escalationPolicyId,r?.escalationPolicies,r=>X(e,t,Q({...n,escalationPolicyId:r})))}
      ${cs(e,t,`priorityId`,`Priority`,n.priorityId,r?.priorities,r=>X(e,t,Q({...n,priorityId:r})))}
      ${Ds(e,t,n.urgency,r=>X(e,t,Q({...n,urgency:r})))}`;case`add_note`:return Z(e,t,`content`,`Note`,n.content,r=>X(e,t,{...n,content:r}),{multiline:!0,help:`Case fields in {{…}} become their values; a blank one its fallback: {{Case.Subject | default: "(no subject)"}}.`,template:`case`});case`add_case_comment`:return l`${Z(e,t,`body`,`Comment`,n.body,r=>X(e,t,{...n,body:r}),{multiline:!0,help:`Incident fields in {{…}} become their values; a blank one its fallback: {{incident.agent_name | default: "PagerDuty"}}.`,template:`incident`})}
        <div class="slds-form-element slds-m-top_x-small">
          <div class="slds-form-element__control">
            <div class="slds-checkbox">
              <input
                type="checkbox"
                id="action-${t}-published"
                .checked=${V(n.isPublished??!1)}
                @change=${r=>X(e,t,{...n,isPublished:r.target.checked})}
              />
              <label class="slds-checkbox__label" for="action-${t}-published"
                ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">Public comment</span></label
              >
            </div>
          </div>
        </div>`;case`set_case_fields`:case`create_case`:return Os(e,t,n);default:return Cs(e,t,n)}}function js(e,t){let n=zo(t.runOn);return l`<section class="pd-authoring__section" aria-labelledby="actions-title" data-testid="actions">
    <h3 class="slds-text-heading_small" id="actions-title">Actions</h3>
    ${e.meta.pagerdutyProblem?va(`PagerDuty lists are unavailable (${e.meta.pagerdutyProblem}); enter PagerDuty ids instead.`):u}
    ${t.actions.map((t,r)=>l`<div class="pd-authoring__box" data-testid="action-box">
          <div class="slds-grid slds-grid_align-spread slds-grid_vertical-align-end">
            ${K({id:`action-${r}-type`,label:`Action ${r+1}`,value:t.type,options:n.map(e=>({value:e,label:Bo[e]})),testId:`action-${r}-type`,error:e.err(`actions[${r}].type`),onChange:t=>X(e,r,Vo(t,e.meta))})}
            <button
              class="slds-button slds-button_neutral"
              type="button"
              data-testid="action-${r}-remove"
              @click=${()=>e.changeDraft(e=>({...e,actions:e.actions.filter((e,t)=>t!==r)}),`actions`)}
            >
              Remove<span class="slds-assistive-text"> action ${r+1}</span>
            </button>
          </div>
          ${As(e,r,t)}
        </div>`)}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="add-action"
      @click=${()=>e.changeDraft(t=>({...t,actions:[...t.actions,Vo(n[0],e.meta)]}))}
    >
      Add Action
    </button>
  </section>`}function Ms(e,t,n){e.changeDraft(e=>({...e,conditions:e.conditions.map((e,r)=>r===t?n:e)}),`conditions[${t}]`)}function Ns(e,t,n,r){let i=`condition-${t}-value`,a=r?.operators.find(e=>e.name===n.operator)?.value??`single`,o=e.err(`conditions[${t}].value`);if(a===`none`)return l`<div></div>`;let s=r?Po(r,e.meta):null,c=i=>{let o=Fo(r?.kind??`text`,a,i),{field:s,operator:c}=n;Ms(e,t,o===void 0?{field:s,operator:c}:{field:s,operator:c,value:o})},d=e=>l`<div class="slds-form-element ${o?`slds-has-error`:``}">
      <label class="slds-form-element__label slds-assistive-text" for=${i}>Value of condition ${t+1}</label>
      <div class="slds-form-element__control">${e}</div>
      ${o?l`<div class="slds-form-element__help" id="${i}-error">${o}</div>`:u}
    </div>`,f={invalid:o?`true`:`false`,describedBy:o?`${i}-error`:u};if(a===`list`&&s){let e=Ro(n.value);return d(l`<select
        class="slds-select pd-authoring__multi"
        id=${i}
        data-testid=${i}
        multiple
        aria-invalid=${f.invalid}
        aria-describedby=${f.describedBy}
        @change=${e=>c([...e.target.selectedOptions].map(e=>e.value))}
      >
        ${s.map(t=>l`<option value=${t.value} ?selected=${e.includes(t.value)}>${t.label}</option>`)}
      </select>`)}if(s)return d(l`<div class="slds-select_container">
        <select
          class="slds-select"
          id=${i}
          data-testid=${i}
          aria-invalid=${f.invalid}
          aria-describedby=${f.describedBy}
          .value=${V(Lo(n.value))}
          @change=${e=>c(e.target.value)}
        >
          <option value="" ?selected=${n.value===void 0}>— Choose —</option>
          ${s.map(e=>l`<option value=${e.value} ?selected=${Lo(n.value)===e.value}>${e.label}</option>`)}
        </select>
      </div>`);let p=r?.kind??`text`,m=a===`single`&&p===`number`?`number`:a===`single`&&p===`date`?`date`:a===`single`&&p===`datetime`?`datetime-local`:`text`,h=m===`datetime-local`?Io(n.value):Lo(n.value);return d(l`<input
      class="slds-input"
      id=${i}
      data-testid=${i}
      type=${m}
      step=${m===`number`?`any`:u}
      placeholder=${a===`list`?`Comma-separated values`:u}
      .value=${V(h)}
      aria-invalid=${f.invalid}
      aria-describedby=${f.describedBy}
      @change=${e=>c(e.target.value)}
    />`)}function Ps(e,t){let n=No(e.meta,t.runOn.kind),r=t.filterLogic,i=r.kind===`custom`?ga(r.expression,t.conditions.length):null,a=e.err(`filterLogic.expression`)??(i&&!i.ok?i.error.message:void 0);return l`<section class="pd-authoring__section" aria-labelledby="conditions-title" data-testid="conditions">
    <h3 class="slds-text-heading_small" id="conditions-title">Conditions</h3>
    ${t.conditions.length===0?l`<p class="slds-text-color_weak">No conditions: the rule runs on every matching event.</p>`:l`<div class="pd-authoring__row pd-authoring__row-headers" aria-hidden="true" data-testid="condition-headers">
            <span>#</span><span>Field</span><span>Operator</span><span>Value</span><span></span>
          </div>`}
    ${t.conditions.map((t,r)=>{let i=n.find(e=>e.key===t.field);return l`<div class="pd-authoring__row" data-testid="condition-row">
        <span class="pd-authoring__row-number">${r+1}</span>
        ${K({id:`condition-${r}-field`,label:`Field of condition ${r+1}`,hideLabel:!0,value:t.field,options:n.map(e=>({value:e.key,label:e.label})),emptyLabel:`— Field —`,testId:`condition-${r}-field`,error:e.err(`conditions[${r}].field`),onChange:i=>{let a=n.find(e=>e.key===i);Ms(e,r,{field:i,operator:a?.operators.some(e=>e.name===t.operator)?t.operator:a?.operators[0]?.name??``})}})}
        ${K({id:`condition-${r}-operator`,label:`Operator of condition ${r+1}`,hideLabel:!0,value:t.operator,options:(i?.operators??[]).map(e=>({value:e.name,label:e.label})),emptyLabel:`— Operator —`,testId:`condition-${r}-operator`,error:e.err(`conditions[${r}].operator`),onChange:n=>{let a=i?.operators.find(e=>e.name===n)?.value,{value:o,...s}=t,c=a===`none`?void 0:a===`list`?o===void 0?void 0:Ro(o):Array.isArray(o)?o[0]:o;Ms(e,r,c===void 0?{...s,operator:n}:{...s,operator:n,value:c})}})}
        ${Ns(e,r,t,i)}
        <button
          class="slds-button slds-button_neutral"
          type="button"
          data-testid="condition-${r}-remove"
          @click=${()=>e.changeDraft(e=>({...e,conditions:e.conditions.filter((e,t)=>t!==r)}),`conditions`)}
        >
          Remove<span class="slds-assistive-text"> condition ${r+1}</span>
        </button>
      </div>`})}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="add-condition"
      @click=${()=>e.changeDraft(e=>({...e,conditions:[...e.conditions,{field:``,operator:``}]}))}
    >
      Add Condition
    </button>
    <fieldset class="slds-form-element slds-m-top_small">
      <legend class="slds-form-element__legend slds-form-element__label">Filter logic</legend>
      <div class="slds-form-element__control">
        ${[[`all`,`All conditions are met (AND)`],[`any`,`Any condition is met (OR)`],[`custom`,`Custom logic`]].map(([t,n])=>l`<span class="slds-radio">
              <input
                type="radio"
                id="logic-${t}"
                name="filter-logic"
                data-testid="logic-${t}"
                .checked=${V(r.kind===t)}
                @change=${()=>e.changeDraft(e=>({...e,filterLogic:t===`custom`?{kind:t,expression:e.conditions.map((e,t)=>t+1).join(` AND `)||`1`}:{kind:t}}),`filterLogic`)}
              />
              <label class="slds-radio__label" for="logic-${t}"
                ><span class="slds-radio_faux"></span><span class="slds-form-element__label">${n}</span></label
              >
            </span>`)}
      </div>
    </fieldset>
    ${r.kind===`custom`?l`<div class="slds-form-element ${a?`slds-has-error`:``}">
            <label class="slds-form-element__label" for="logic-expression">Custom logic</label>
            <div class="slds-form-element__control">
              <input
                class="slds-input"
                id="logic-expression"
                data-testid="logic-expression"
                .value=${V(r.expression)}
                aria-invalid=${a?`true`:`false`}
                aria-describedby="logic-expression-help"
                @input=${t=>e.changeDraft(e=>({...e,filterLogic:{kind:`custom`,expression:t.target.value}}),`filterLogic`)}
              />
            </div>
            <div class="slds-form-element__help ${a?``:`slds-text-color_weak`}" id="logic-expression-help" data-testid="logic-expression-help">
              ${a??`Condition numbers with AND, OR, NOT and parentheses, e.g. 1 AND (2 OR 3).`}
            </div>
          </div>`:u}
  </section>`}function Fs(e){return e===void 0?`(none)`:e===null||e===``?`(blank)`:Array.isArray(e)?e.length===0?`(empty list)`:e.map(e=>Fs(e)).join(`, `):typeof e==`number`||typeof e==`boolean`?String(e):JSON.stringify(e)}var Is=new Set([`serviceId`,`priorityId`,`escalationPolicyId`,`assignToUserIds`,`userIds`,`escalationPolicyIds`,`workflowId`]);function $(e,t){return t[e]??e}function Ls(e){return e===``?`(empty)`:e}function Rs(e,t,n){return Is.has(e)?(Array.isArray(t)?t:[t]).map(e=>$(String(e),n)).join(`, `):e===`durationMinutes`&&typeof t==`number`?xs(t):typeof t==`boolean`?t?`Yes`:`No`:_a(t)}function zs(e,t){let n=ra[e.type];switch(e.type){case`create_incident`:{let r=[e.urgency?`urgency ${e.urgency}`:``,e.priorityId?`priority ${$(e.priorityId,t)}`:``,e.escalationPolicyId?`escalation policy ${$(e.escalationPolicyId,t)}`:``,e.title===void 0?``:`title: ${Ls(e.title)}`].filter(Boolean);return`${n} on ${$(e.serviceId,t)}${r.length?` — ${r.join(`, `)}`:``}`}case`update_incident`:return`${n}: ${[e.status?e.status===`acknowledged`?`acknowledge`:`resolve`:``,e.assignToUserIds?.length?`reassign to ${e.assignToUserIds.map(e=>$(e,t)).join(`, `)}`:``,e.escalationPolicyId?`escalation policy ${$(e.escalationPolicyId,t)}`:``,e.priorityId?`priority ${$(e.priorityId,t)}`:``,e.urgency?`urgency ${e.urgency}`:``].filter(Boolean).join(`, `)}`;case`add_note`:return`${n}: ${Ls(e.content)}`;case`escalate_incident`:return`${n} to level ${e.level}`;case`snooze_incident`:return`${n} for ${xs(e.durationMinutes)}`;case`resolve_incident`:return e.resolution?`${n} — resolution: ${e.resolution}`:n;case`add_responders`:return`${n}: ${[...e.userIds,...e.escalationPolicyIds].map(e=>$(e,t)).join(`, `)} — message: ${Ls(e.message)}`;case`publish_status_update`:return`${n}: ${Ls(e.message)}`;case`start_incident_workflow`:return`${n}: ${$(e.workflowId,t)}`;case`set_conference_bridge`:return`${n}: ${[e.conferenceNumber,e.conferenceUrl].filter(e=>e!==void 0&&e!==``).join(`, `)||`(empty)`}`;case`set_case_fields`:case`create_case`:return`${n}: ${Object.entries(e.values).map(([e,t])=>`${e} = ${t===null?`(blank)`:_a(t)}`).join(`, `)}`;case`add_case_comment`:return`${n} (${e.isPublished?`public`:`internal`}): ${Ls(e.body)}`}}function Bs(e,t={}){let n=[];if(e.type===`set_case_fields`||e.type===`create_case`)for(let[t,r]of Object.entries(e.values))n.push([t,r===null?`(blank)`:_a(r)]);else for(let[r,i]of Object.entries(e))r===`type`||Array.isArray(i)&&i.length===0||n.push([es(e.type,r)??r,Rs(r,i,t)]);return{title:na[e.type],summary:zs(e,t),values:n}}var Vs=class extends o{static properties={rulesetId:{attribute:!1},rule:{attribute:!1},dirty:{type:Boolean},caseNumber:{state:!0},eventType:{state:!0},incidentId:{state:!0}};api=new k(this,{context:R});testTask=new y(this,{autoRun:!1,task:async([e,t])=>new W(z(this.api)).testRule(this.rulesetId,e,t)});constructor(){super(),this.rulesetId=``,this.rule=void 0,this.dirty=!1,this.caseNumber=``,this.eventType=`incident.triggered`,this.incidentId=``}createRenderRoot(){return this}handleSubmit=e=>{e.preventDefault();let t=this.rule;if(!t)return;let n=t.runOn.kind===`case`?{caseNumber:this.caseNumber.trim()}:{sampleEvent:{eventType:this.eventType,...this.incidentId.trim()?{incidentId:this.incidentId.trim()}:{}}};this.testTask.run([t.id,n])};renderResult(e){let t=e.trace,n=e.event.kind===`case`?`Case ${e.event.caseNumber} (${e.event.change}${e.event.usedSnapshot?`, compared with the last synced values`:``})`:`${ia(e.event.eventType)} on ${e.event.source===`sample`?`the sample incident`:`incident #${e.event.incidentNumber} (${e.event.incidentId})`}`;return l`<div class="slds-m-top_small" data-testid="rule-test-result" aria-live="polite">
      <p>
        <span class="slds-badge ${e.matched?`slds-theme_success`:``}" data-testid="rule-test-outcome"
          >${e.matched?`Matched`:`Not matched`}</span
        >
        ${n}. ${t.skippedReason===`run_on`?l`<strong>The rule does not run on this event.</strong>`:l`Logic: <code>${t.logic}</code>`}
      </p>
      ${t.conditions.length?l`<table class="slds-table slds-table_cell-buffer slds-table_bordered pd-authoring__trace slds-m-top_x-small" aria-label="Condition trace">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Field</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Value seen</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                ${t.conditions.map(e=>l`<tr data-testid="trace-row">
                      <td>${e.index}</td>
                      <td>${e.field}</td>
                      <td>${la[e.operator].label}</td>
                      <td>${Fs(e.expected)}</td>
                      <td>
                        ${Fs(e.actual)}${`previous`in e?l`<br /><span class="slds-text-color_weak">was ${Fs(e.previous)}</span>`:u}
                        ${e.note?l`<br /><span class="slds-text-color_weak">${e.note}</span>`:u}
                      </td>
                      <td>${e.outcome?`true`:`false`}</td>
                    </tr>`)}
              </tbody>
            </table>`:u}
      ${e.matched?l`<h4 class="slds-text-title_caps slds-m-top_small">Actions it would take</h4>
              ${e.actions.length?l`<ol class="slds-list_ordered" data-testid="rule-test-actions">
                      ${e.actions.map(t=>{let n=Bs(t,e.pagerDutyNames);return l`<li data-testid="rule-test-action" data-type=${t.type}>
                          <strong data-testid="rule-test-action-preview">${n.summary}</strong>
                          <div class="slds-text-body_small slds-text-color_weak">${n.title}</div>
                          <dl class="slds-dl_horizontal">
                            ${n.values.map(([e,t])=>l`<dt class="slds-dl_horizontal__label">${e}</dt>
                                  <dd class="slds-dl_horizontal__detail">${t}</dd>`)}
                          </dl>
                        </li>`})}
                    </ol>`:l`<p class="slds-text-color_weak">None.</p>`}`:u}
    </div>`}render(){let e=this.rule;if(!e)return u;let t=this.testTask.error instanceof b?this.testTask.error.fieldErrors[0]?.message:void 0;return l`<section class="pd-authoring__section slds-box slds-theme_shade" aria-labelledby="rule-test-title" data-testid="rule-test">
      <h3 class="slds-text-heading_small" id="rule-test-title">Test this rule</h3>
      <p class="slds-text-body_small slds-text-color_weak">
        ${this.dirty?`The test uses the saved rule: save your changes first.`:`Evaluates the saved rule only; nothing is written anywhere.`}
      </p>
      <form class="slds-grid slds-wrap slds-grid_vertical-align-end slds-gutters_direct-x-small" novalidate @submit=${this.handleSubmit}>
        ${e.runOn.kind===`case`?l`<div class="slds-col slds-form-element ${t?`slds-has-error`:``}">
                <label class="slds-form-element__label" for="rule-test-case">Case number</label>
                <div class="slds-form-element__control">
                  <input
                    class="slds-input"
                    id="rule-test-case"
                    data-testid="rule-test-case"
                    .value=${V(this.caseNumber)}
                    @input=${e=>this.caseNumber=e.target.value}
                  />
                </div>
              </div>`:l`<div class="slds-col">
                  ${K({id:`rule-test-event`,label:`PagerDuty event`,value:this.eventType,options:M.map(e=>({value:e,label:ta[e]})),testId:`rule-test-event`,onChange:e=>this.eventType=e})}
                </div>
                <div class="slds-col slds-form-element">
                  <label class="slds-form-element__label" for="rule-test-incident">Incident number or id (empty: a sample incident)</label>
                  <div class="slds-form-element__control">
                    <input
                      class="slds-input"
                      id="rule-test-incident"
                      placeholder="e.g. 41"
                      data-testid="rule-test-incident"
                      .value=${V(this.incidentId)}
                      @input=${e=>this.incidentId=e.target.value}
                    />
                  </div>
                </div>`}
        <div class="slds-col slds-no-flex">
          <button
            class="slds-button slds-button_outline-brand"
            type="submit"
            data-testid="rule-test-run"
            aria-busy=${this.testTask.status===v.PENDING?`true`:`false`}
          >
            Test
          </button>
        </div>
      </form>
      <div class="pd-authoring__loading" style="min-height:2rem">
        ${this.testTask.render({initial:()=>u,pending:()=>l`<p class="slds-text-color_weak" role="status">Testing…</p>`,complete:e=>this.renderResult(e),error:e=>J(x(e))})}
      </div>
    </section>`}};customElements.define(`pd-rule-test-panel`,Vs);var Hs={create:`When a Case is created`,update:`When a Case is updated`,both:`When a Case is created or updated`},Us=class extends o{static properties={ruleset:{attribute:!1},ruleIndex:{attribute:!1},meta:{attribute:!1},draft:{state:!0},errors:{state:!0},otherErrors:{state:!0},saving:{state:!0},freeTexts:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});constructor(){super(),this.ruleIndex=0,this.draft=void 0,this.errors=new Map,this.otherErrors=[],this.saving=!1,this.freeTexts=new Map}createRenderRoot(){return this}willUpdate(e){!e.has(`ruleset`)&&!e.has(`ruleIndex`)||this.draft&&this.draft.id===this.saved()?.id||(this.draft=structuredClone(this.saved()),this.freeTexts=new Map)}saved(){return this.ruleset.rules[this.ruleIndex]}get dirty(){return JSON.stringify(this.draft)!==JSON.stringify(this.saved())}changeDraft(e,t){if(this.draft&&(this.draft=e(this.draft),t!==void 0)){let e=new Map([...this.errors].filter(([e])=>!e.startsWith(t)));e.size!==this.errors.size&&(this.errors=e)}}freeText(e){return this.freeTexts.get(e)}setFreeText(e,t){this.freeTexts=new Map([...this.freeTexts,[e,t]])}err(e){return this.errors.get(e)}setRunKind(e){this.changeDraft(t=>t.runOn.kind===e?t:{...t,runOn:e===`case`?{kind:`case`,on:`both`}:{kind:`incident`,events:[`incident.triggered`]},conditions:[],filterLogic:{kind:`all`},actions:[]},``)}renderRunOn(e){let t=e.runOn;return l`<fieldset class="slds-form-element pd-authoring__section" data-testid="run-on">
      <legend class="slds-form-element__legend slds-form-element__label">Run rule on</legend>
      <div class="slds-form-element__control">
        ${[`case`,`incident`].map(e=>l`<span class="slds-radio">
              <input
                type="radio"
                id="run-on-${e}"
                name="run-on"
                value=${e}
                .checked=${V(t.kind===e)}
                data-testid="run-on-${e}"
                @change=${()=>this.setRunKind(e)}
              />
              <label class="slds-radio__label" for="run-on-${e}">
                <span class="slds-radio_faux"></span>
                <span class="slds-form-element__label">${e===`case`?`Case create or update`:`PagerDuty incident create or update`}</span>
              </label>
            </span>`)}
      </div>
      ${t.kind===`case`?K({id:`run-on-case-change`,label:`Case change`,value:t.on,options:[`create`,`update`,`both`].map(e=>({value:e,label:Hs[e]})),error:this.err(`runOn.on`),onChange:e=>this.changeDraft(t=>({...t,runOn:{kind:`case`,on:e}}),`runOn`)}):l`<fieldset class="slds-form-element slds-m-top_x-small ${this.err(`runOn.events`)?`slds-has-error`:``}">
              <legend class="slds-form-element__legend slds-form-element__label">PagerDuty events</legend>
              <div class="slds-form-element__control pd-authoring__checks">
                ${M.map(e=>{let n=`event-${e.replaceAll(`.`,`-`)}`;return l`<div class="slds-checkbox">
                    <input
                      type="checkbox"
                      id=${n}
                      data-testid=${n}
                      .checked=${V(t.events.includes(e))}
                      @change=${t=>{let n=t.target.checked;this.changeDraft(t=>{let r=t.runOn.kind===`incident`?t.runOn.events:[],i=n?[...r,e]:r.filter(t=>t!==e);return{...t,runOn:{kind:`incident`,events:M.filter(e=>i.includes(e))}}},`runOn`)}}
                    />
                    <label class="slds-checkbox__label" for=${n}
                      ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${ta[e]}</span></label
                    >
                  </div>`})}
              </div>
              ${this.err(`runOn.events`)?l`<div class="slds-form-element__help">${this.err(`runOn.events`)}</div>`:u}
            </fieldset>`}
    </fieldset>`}localProblems(e){let t=new Map,n=e.name.trim()?ya(e.name):`Enter a name for the rule`;if(n&&t.set(`name`,n),e.conditions.forEach((e,n)=>{e.field?e.operator||t.set(`conditions[${n}].operator`,`Choose an operator`):t.set(`conditions[${n}].field`,`Choose a field`)}),e.filterLogic.kind===`custom`){let n=ga(e.filterLogic.expression,e.conditions.length);n.ok||t.set(`filterLogic.expression`,n.error.message)}return e.actions.forEach((e,n)=>{if(e.type===`create_case`){let r=Uo(e.values,this.meta);r.length&&t.set(`actions[${n}].values`,`Set the required fields: ${r.map(e=>e.label).join(`, `)}`)}}),t}async handleSave(e){e.preventDefault();let t=this.draft;if(!t||this.saving)return;let n=this.localProblems(t);if(n.size>0)this.errors=n,await this.focusFirstError();else{this.saving=!0;try{let e=await new W(z(this.api)).saveRuleset({...this.ruleset,rules:this.ruleset.rules.map((e,n)=>n===this.ruleIndex?t:e)});this.errors=new Map,this.otherErrors=[],this.ruleset=e,this.draft=structuredClone(e.rules[this.ruleIndex]),this.dispatchEvent(new CustomEvent(`pd-ruleset-saved`,{detail:e,bubbles:!0})),this.toasts.value?.show({variant:`success`,title:`Rule "${t.name}" saved`})}catch(e){let t=e instanceof b?e.fieldErrors:[],{own:n,others:r}=Yo(t,this.ruleIndex);this.errors=n,this.otherErrors=r,this.toasts.value?.show({variant:`error`,title:`Rule not saved`,message:t.length?`${t.length} problem(s): see the marked fields.`:x(e)}),await this.focusFirstError()}finally{this.saving=!1}}}async focusFirstError(){await this.updateComplete,this.querySelector(`[aria-invalid="true"], .slds-has-error input, .slds-has-error select`)?.focus()}render(){let e=this.draft;if(!e)return u;let t=[...[...this.errors.entries()].map(([t,n])=>({text:is(ns(t,e,this.meta),n),inputId:as(t,e)})),...this.otherErrors.map(({path:e,message:t})=>({text:is(rs(e,this.ruleset,this.meta),t),inputId:void 0}))];return l`<article class="slds-card slds-card_boundary" aria-labelledby="rule-editor-title" data-testid="rule-editor">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="rule-editor-title">Rule: ${this.saved()?.name??e.name}</h2></div>
          ${this.dirty?l`<span class="slds-badge" data-testid="rule-unsaved">Unsaved changes</span>`:u}
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${e=>void this.handleSave(e)}>
          ${t.length?l`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-testid="rule-errors">
                  <div>
                    <strong>Fix these before saving:</strong>
                    <ul class="slds-list_dotted">
                      ${t.map(e=>e.inputId?l`<li>
                              <a
                                href="#${e.inputId}"
                                @click=${t=>{t.preventDefault(),this.querySelector(`#${e.inputId??``}`)?.focus()}}
                                >${e.text}</a
                              >
                            </li>`:l`<li>${e.text}</li>`)}
                    </ul>
                  </div>
                </div>`:u}
          ${ba({id:`rule-name`,label:`Rule name`,required:!0,value:e.name,error:this.err(`name`)??ya(e.name),testId:`rule-name`,onInput:e=>this.changeDraft(t=>({...t,name:e}),`name`)})}
          ${this.renderRunOn(e)} ${Ps(this,e)} ${js(this,e)}
          <div class="slds-form-element pd-authoring__section">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="rule-stop"
                  data-testid="rule-stop"
                  aria-describedby="rule-stop-help"
                  .checked=${V(e.stopProcessing)}
                  @change=${e=>this.changeDraft(t=>({...t,stopProcessing:e.target.checked}))}
                />
                <label class="slds-checkbox__label" for="rule-stop">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">Stop processing</span>
                </label>
              </div>
            </div>
            <div class="slds-form-element__help slds-text-color_weak" id="rule-stop-help">
              When this rule matches, the rules after it in this ruleset are skipped; other rulesets still run.
            </div>
          </div>
          <div class="pd-authoring__actions">
            <button class="slds-button slds-button_brand" type="submit" data-testid="rule-save" aria-busy=${this.saving?`true`:`false`}>
              ${this.saving?`Saving…`:`Save Rule`}
            </button>
            <button
              class="slds-button slds-button_neutral"
              type="button"
              ?disabled=${!this.dirty}
              @click=${()=>{this.draft=structuredClone(this.saved()),this.errors=new Map,this.otherErrors=[]}}
            >
              Discard changes
            </button>
          </div>
        </form>
        <pd-rule-test-panel .rulesetId=${this.ruleset.id} .rule=${this.saved()} .dirty=${this.dirty}></pd-rule-test-panel>
      </div>
    </article>`}};customElements.define(`pd-rule-editor`,Us);var Ws=class extends o{static properties={rulesetId:{attribute:!1},ruleId:{attribute:!1},newName:{state:!0},addError:{state:!0},confirmDelete:{state:!0},toggling:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});loadTask=new y(this,{task:async([e],{signal:t})=>{let n=this.authoring(),[r,i,a,o]=await Promise.all([n.ruleset(e,t),n.caseFields(t),n.incidentFields(t),n.pagerDutyMetadata(t).then(e=>({value:e,problem:null}),e=>{if(be(e))throw e;return{value:null,problem:x(e)}})]);return{ruleset:r,meta:{caseFields:i.fields,incident:a,pagerduty:o.value,pagerdutyProblem:o.problem}}},args:()=>[this.rulesetId]});constructor(){super(),this.rulesetId=``,this.ruleId=null,this.newName=``,this.addError=void 0,this.confirmDelete=null,this.toggling=!1}createRenderRoot(){return this}authoring(){return new W(z(this.api))}go(e){this.dispatchEvent(new CustomEvent(`pd-rulesets-navigate`,{detail:e,bubbles:!0}))}setRuleset(e){let t=this.loadTask.value;t&&(t.ruleset=e),this.requestUpdate()}async saveRules(e,t){try{let t=await this.authoring().saveRuleset(e);return this.setRuleset(t),t}catch(n){let r=n instanceof b?n.fieldErrors:[];this.toasts.value?.show({variant:`error`,title:t,message:r.length?r.map(t=>is(rs(t.path,e,this.loadTask.value?.meta),t.message)).join(`; `):x(n)});return}}async toggle(e){this.toggling=!0;try{this.setRuleset(await this.authoring().patchRuleset(e.id,{enabled:!e.enabled}))}catch(t){let n=t instanceof b?t.fieldErrors:[];this.toasts.value?.show({variant:`error`,title:`Could not ${e.enabled?`disable`:`enable`} "${e.name}"`,message:n.length?n.map(t=>is(rs(t.path,e,this.loadTask.value?.meta),t.message)).join(`; `):x(t)}),this.requestUpdate()}finally{this.toggling=!1}}async handleAddRule(e,t){e.preventDefault();let n=this.newName.trim(),r=n?ya(n):`Enter a name for the rule`;if(r){this.addError=r;return}let i=Jt({id:Xo(),name:n});await this.saveRules({...t,rules:[...t.rules,i]},`Rule not added`)&&(this.newName=``,this.addError=void 0,this.go({rulesetId:t.id,ruleId:i.id}))}renderRules(e){return l`<article class="slds-card slds-card_boundary" aria-labelledby="ruleset-rules-title" data-testid="ruleset-detail">
        <div class="slds-card__header slds-grid pd-authoring__card-header">
          <header class="slds-media slds-has-flexi-truncate">
            <div class="slds-media__body">
              <h2 class="slds-card__header-title" id="ruleset-rules-title"><span data-testid="ruleset-name">${e.name}</span></h2>
            </div>
          </header>
          <div class="slds-no-flex pd-authoring__inline-form">
            <div class="pd-authoring__toggle-slot">
              ${xa({id:`ruleset-toggle`,label:`Enabled: ${e.name}`,checked:e.enabled,testId:`ruleset-enabled`,busy:this.toggling,onChange:()=>void this.toggle(e)})}
            </div>
            ${Sa({id:`new-rule-name`,noun:`rule`,buttonTestId:`add-rule`,value:this.newName,error:this.addError,onInput:(e,t)=>{this.newName=e,this.addError=t},onSubmit:t=>void this.handleAddRule(t,e)})}
          </div>
        </div>
        <div class="slds-card__body slds-card__body_inner">
          ${e.rules.length===0?l`<p class="slds-text-color_weak">No rules yet.</p>`:l`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-labelledby="ruleset-rules-title">
                  <thead>
                    <tr class="slds-line-height_reset">
                      <th scope="col">Order</th>
                      <th scope="col">Rule</th>
                      <th scope="col">Runs on</th>
                      <th scope="col">Conditions</th>
                      <th scope="col">Actions</th>
                      <th scope="col"><span class="slds-assistive-text">Manage</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${e.rules.map((t,n)=>l`<tr data-testid="rule-row">
                          <td>${n+1}</td>
                          <th scope="row">
                            <a
                              href=${Ao({rulesetId:e.id,ruleId:t.id})}
                              data-testid="rule-open"
                              @click=${n=>{n.preventDefault(),this.go({rulesetId:e.id,ruleId:t.id})}}
                              >${t.name}</a
                            >
                          </th>
                          <td>${Zo(t.runOn)}</td>
                          <td>${t.conditions.length}</td>
                          <td>${t.actions.length}${t.stopProcessing?l` <span class="slds-badge">stops</span>`:u}</td>
                          <td>
                            <div class="slds-button-group" role="group">
                              <button
                                class="slds-button slds-button_icon slds-button_icon-border-filled"
                                type="button"
                                title="Move up"
                                ?disabled=${n===0}
                                @click=${()=>void this.saveRules({...e,rules:jo(e.rules,n,-1)},`Order not saved`)}
                              >
                                ${E(`utility`,`arrowup`,`slds-button__icon`)}<span class="slds-assistive-text">Move ${t.name} up</span>
                              </button>
                              <button
                                class="slds-button slds-button_icon slds-button_icon-border-filled"
                                type="button"
                                title="Move down"
                                ?disabled=${n===e.rules.length-1}
                                @click=${()=>void this.saveRules({...e,rules:jo(e.rules,n,1)},`Order not saved`)}
                              >
                                ${E(`utility`,`arrowdown`,`slds-button__icon`)}<span class="slds-assistive-text">Move ${t.name} down</span>
                              </button>
                              <button
                                class="slds-button slds-button_destructive"
                                type="button"
                                data-testid="rule-delete"
                                @click=${()=>this.confirmDelete=n}
                              >
                                Delete<span class="slds-assistive-text"> ${t.name}</span>
                              </button>
                            </div>
                          </td>
                        </tr>`)}
                  </tbody>
                </table>`}
        </div>
      </article>
      ${Do(this.confirmDelete!==null&&e.rules[this.confirmDelete]?{id:`delete-rule-modal`,title:`Delete rule?`,body:l`<p>Delete the rule <strong>${e.rules[this.confirmDelete]?.name}</strong>? This cannot be undone.</p>`,confirmLabel:`Delete`,onConfirm:()=>{let t=this.confirmDelete;t!==null&&(this.confirmDelete=null,this.saveRules({...e,rules:e.rules.filter((e,n)=>n!==t)},`Rule not deleted`))},onCancel:()=>this.confirmDelete=null}:null)}`}renderLoaded({ruleset:e,meta:t}){let n=this.ruleId?e.rules.findIndex(e=>e.id===this.ruleId):-1,r=l`<nav role="navigation" aria-label="Breadcrumbs" class="slds-m-bottom_small">
      <ol class="slds-breadcrumb slds-list_horizontal slds-wrap">
        <li class="slds-breadcrumb__item">
          <a
            href="#"
            data-testid="crumb-rulesets"
            @click=${e=>{e.preventDefault(),this.go({rulesetId:null,ruleId:null})}}
            >Rulesets</a
          >
        </li>
        <li class="slds-breadcrumb__item">
          <a
            href=${Ao({rulesetId:e.id,ruleId:null})}
            data-testid="crumb-ruleset"
            @click=${t=>{t.preventDefault(),this.go({rulesetId:e.id,ruleId:null})}}
            >${e.name}</a
          >
        </li>
      </ol>
    </nav>`;return this.ruleId&&n===-1?l`${r}${J(`This rule no longer exists in the ruleset: it may have been deleted.`)}`:n>=0?l`${r}<pd-rule-editor
          .ruleset=${e}
          .ruleIndex=${n}
          .meta=${t}
          @pd-ruleset-saved=${e=>this.setRuleset(e.detail)}
        ></pd-rule-editor>`:l`${r}${this.renderRules(e)}`}render(){return this.loadTask.render({initial:()=>q(`Loading the ruleset`),pending:()=>this.loadTask.value?this.renderLoaded(this.loadTask.value):q(`Loading the ruleset`),complete:e=>this.renderLoaded(e),error:e=>J(`Could not load the ruleset. ${x(e)}`,()=>void this.loadTask.run())})}};customElements.define(`pd-ruleset-rules`,Ws);function Gs(e,t){return t&&e.some(e=>e.id===t)?t:e[0]?.id??``}function Ks(e,t,n){if(e.needs.includes(`service`))return t===void 0?`Loading the PagerDuty services…`:t.length===0?`PagerDuty lists no services: add one in PagerDuty first.`:n?void 0:`Choose a PagerDuty service.`}function qs(e,t){return e.needs.includes(`service`)?{serviceId:t}:{}}var Js=class e extends Event{ruleset;static eventName=`pd-ruleset-added`;constructor(t){super(e.eventName,{bubbles:!0,composed:!0}),this.ruleset=t}},Ys=class extends o{static properties={open:{state:!0},serviceIds:{state:!0},adding:{state:!0},errors:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});templatesTask=new y(this,{task:async(e,{signal:t})=>(await this.authoring().rulesetTemplates(t)).templates,autoRun:!1});servicesTask=new y(this,{task:async(e,{signal:t})=>(await this.authoring().pagerDutyMetadata(t)).services,autoRun:!1});constructor(){super(),this.open=!1,this.serviceIds={},this.adding=null,this.errors={}}createRenderRoot(){return this}disconnectedCallback(){this.templatesTask.abort(),this.servicesTask.abort(),super.disconnectedCallback()}authoring(){return new W(z(this.api))}openModal=async()=>{this.open=!0,this.errors={},this.templatesTask.run(),this.servicesTask.run(),await this.updateComplete,this.querySelector(`[data-templates-initial-focus]`)?.focus()};close=async()=>{this.open=!1,await this.updateComplete,this.querySelector(`[data-testid=rulesets-add-from-template]`)?.focus()};services(){return this.servicesTask.value}serviceFor(e){return Gs(this.services()??[],this.serviceIds[e.key])}async add(e){if(!this.adding){this.adding=e.key,this.errors={...this.errors,[e.key]:``};try{let t=await this.authoring().addRulesetFromTemplate(e.key,qs(e,this.serviceFor(e)));this.toasts.value?.show({variant:`success`,title:`Ruleset "${t.name}" added`,message:`It is disabled until you enable it.`}),this.dispatchEvent(new Js(t)),await this.close()}catch(t){let n=t instanceof b&&t.fieldErrors.length>0?t.fieldErrors.map(e=>e.message):[x(t)];this.errors={...this.errors,[e.key]:n.join(` `)}}finally{this.adding=null}}}renderServicePicker(e){if(!e.needs.includes(`service`))return u;let t=this.services();return t?K({id:`template-service-${e.key}`,label:`PagerDuty service`,value:this.serviceFor(e),options:t.map(e=>({value:e.id,label:e.name})),onChange:t=>this.serviceIds={...this.serviceIds,[e.key]:t},help:`Set to the account's first service by name; choose the one this ruleset works with.`,stacked:!0}):u}renderTemplate(e){let t=Ks(e,this.services()??(this.servicesTask.error?[]:void 0),this.serviceFor(e)),n=this.errors[e.key],r=this.adding===e.key;return l`<li class="slds-box slds-box_small pd-ruleset-templates__item" data-testid="ruleset-template" data-template-key=${e.key}>
      <h3 class="slds-text-heading_small" id="template-${e.key}-name">${e.name}</h3>
      <p class="slds-m-top_xx-small">${e.description}</p>
      <p class="slds-text-body_small slds-text-color_weak slds-m-top_xx-small">Rules: ${e.ruleNames.join(` · `)}</p>
      ${this.renderServicePicker(e)}
      <div class="slds-m-top_x-small pd-ruleset-templates__add">
        <button
          class="slds-button slds-button_brand"
          type="button"
          ?disabled=${t!==void 0||this.adding!==null&&!r}
          aria-busy=${r?`true`:`false`}
          aria-describedby=${t?`template-${e.key}-blocked`:u}
          data-testid="ruleset-template-add"
          @click=${()=>void this.add(e)}
        >
          Add<span class="slds-assistive-text"> ${e.name}</span>
        </button>
        ${t?l`<span class="slds-text-body_small slds-text-color_weak" id="template-${e.key}-blocked">${t}</span>`:u}
      </div>
      ${n?l`<div class="slds-text-color_error slds-m-top_x-small" role="alert" data-testid="ruleset-template-error">${n}</div>`:u}
    </li>`}renderBody(){let e=this.servicesTask.error?va(`Could not list the PagerDuty services (${x(this.servicesTask.error)}): templates that need a service can be added once PagerDuty answers.`):u;return this.templatesTask.render({initial:()=>q(`Loading the templates`),pending:()=>q(`Loading the templates`),complete:t=>l`${e}
          <ul class="pd-ruleset-templates__list">
            ${t.map(e=>this.renderTemplate(e))}
          </ul>`,error:e=>J(`Could not load the templates. ${x(e)}`,()=>void this.templatesTask.run())})}renderModal(){return l`<section
        role="dialog"
        tabindex="-1"
        aria-modal="true"
        aria-labelledby="ruleset-templates-heading"
        aria-describedby="ruleset-templates-intro"
        class="slds-modal slds-fade-in-open slds-modal_medium"
        data-testid="ruleset-templates-modal"
        @keydown=${e=>{e.key===`Escape`&&this.close()}}
      >
        <div class="slds-modal__container">
          <div class="slds-modal__header">
            <h2 class="slds-modal__title slds-hyphenate" id="ruleset-templates-heading">Add from template</h2>
            <p class="slds-m-top_x-small" id="ruleset-templates-intro">
              Starter rulesets for the usual round trips. Each is added disabled, after your rulesets: review it, then enable it.
            </p>
          </div>
          <div class="slds-modal__content slds-p-around_medium">${this.renderBody()}</div>
          <div class="slds-modal__footer">
            <button class="slds-button slds-button_neutral" type="button" data-templates-initial-focus @click=${()=>void this.close()}>Close</button>
          </div>
        </div>
      </section>
      <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`}render(){return l`<button
        class="slds-button slds-button_neutral"
        type="button"
        aria-haspopup="dialog"
        data-testid="rulesets-add-from-template"
        @click=${()=>void this.openModal()}
      >
        Add from template
      </button>
      ${this.open?this.renderModal():u}`}};customElements.define(`pd-ruleset-templates`,Ys);var Xs=class extends o{static properties={location:{state:!0},newName:{state:!0},addError:{state:!0},renaming:{state:!0},confirmDelete:{state:!0},busy:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});listTask=new y(this,{task:async(e,{signal:t})=>(await this.authoring().rulesets(t)).rulesets,args:()=>[]});handleHashChange=()=>{let e=ko(window.location.hash);(e.rulesetId!==this.location.rulesetId||e.ruleId!==this.location.ruleId)&&(this.location=e,e.rulesetId||this.listTask.run())};constructor(){super(),this.location=ko(window.location.hash),this.newName=``,this.addError=void 0,this.renaming=null,this.confirmDelete=null,this.busy=!1}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),window.addEventListener(`hashchange`,this.handleHashChange),window.addEventListener(`popstate`,this.handleHashChange)}disconnectedCallback(){window.removeEventListener(`hashchange`,this.handleHashChange),window.removeEventListener(`popstate`,this.handleHashChange),this.listTask.abort(),super.disconnectedCallback()}authoring(){return new W(z(this.api))}navigate(e){let t=Ao(e);window.history.pushState(null,``,`${window.location.pathname}${t}`),this.location=e,e.rulesetId||this.listTask.run()}rulesets(){return this.listTask.value??[]}replace(e){let t=this.rulesets().map(t=>t.id===e.id?e:t);this.listTask.value?.splice(0,1/0,...t),this.requestUpdate()}async run(e,t){this.busy=!0;try{return await t()}catch(t){this.toasts.value?.show({variant:`error`,title:e,message:x(t)});return}finally{this.busy=!1}}nameProblem(e,t){if(!e.trim())return`Enter a name for the ruleset`;let n=ya(e);if(n)return n;let r=this.rulesets().find(n=>n.id!==t&&Yt(n.name)===Yt(e));return r?`A ruleset named "${r.name}" already exists: choose another name`:void 0}async handleAdd(e){e.preventDefault();let t=this.nameProblem(this.newName,null);if(t)this.addError=t;else try{let e=await this.authoring().createRuleset(this.newName.trim());this.newName=``,this.addError=void 0,this.toasts.value?.show({variant:`success`,title:`Ruleset "${e.name}" added`,message:`It is disabled until you enable it.`}),await this.listTask.run()}catch(e){this.addError=e instanceof b&&e.fieldErrors[0]?e.fieldErrors[0].message:x(e)}}async toggle(e){let t=await this.run(`Could not ${e.enabled?`disable`:`enable`} "${e.name}"`,()=>this.authoring().patchRuleset(e.id,{enabled:!e.enabled}));t&&this.replace(t)}async reorder(e,t){let n=jo(this.rulesets(),e,t).map(e=>e.id),r=await this.run(`Could not change the order`,()=>this.authoring().reorderRulesets(n));r&&(this.listTask.value?.splice(0,1/0,...r.rulesets),this.requestUpdate(),await this.updateComplete,this.querySelector(`[data-testid="ruleset-move-${t<0?`up`:`down`}-${e+t}"]`)?.focus())}async saveRename(e){e.preventDefault();let t=this.renaming;if(!t)return;let n=this.nameProblem(t.name,t.id);if(n)this.renaming={...t,error:n};else try{let e=await this.authoring().patchRuleset(t.id,{name:t.name.trim()});this.replace(e),this.renaming=null}catch(e){this.renaming={...t,error:e instanceof b&&e.fieldErrors[0]?e.fieldErrors[0].message:x(e)}}}async deleteConfirmed(){let e=this.confirmDelete;if(!e)return;let t=await this.run(`Could not delete "${e.name}"`,async()=>(await this.authoring().deleteRuleset(e.id),!0));this.confirmDelete=null,t&&(this.toasts.value?.show({variant:`success`,title:`Ruleset "${e.name}" deleted`}),await this.listTask.run())}openDeleteModal(e){this.confirmDelete=e}async handleImport(e){let t=e.target,n=t.files?.[0];if(t.value=``,!n)return;let r;try{r=JSON.parse(await n.text())}catch{this.toasts.value?.show({variant:`error`,title:`Import failed`,message:`${n.name} is not JSON: choose a file made by Export.`});return}try{let e=await this.authoring().importRulesets(r);this.toasts.value?.show({variant:`success`,title:`Imported ${e.imported.length} ruleset${e.imported.length===1?``:`s`}`,message:`Imported rulesets are disabled: review them, then enable them.${e.renamedNames.length?` Names already in use were changed: ${e.renamedNames.map(e=>`"${e.from}" → "${e.to}"`).join(`, `)}.`:``}`}),await this.listTask.run()}catch(e){let t=e instanceof b?e.fieldErrors:[];this.toasts.value?.show({variant:`error`,title:`Import failed: nothing was imported`,message:t.length?t.slice(0,4).map(e=>is(rs(e.path,void 0,void 0),e.message)).join(`; `):x(e)})}}renderRow(e,t,n){let r=this.renaming?.id===e.id?this.renaming:null,i=r?l`<form class="pd-authoring__inline-form" novalidate @submit=${e=>void this.saveRename(e)}>
          ${ba({id:`rename-${e.id}`,label:`New name for ${e.name}`,hideLabel:!0,placeholder:`Ruleset name`,value:r.name,error:r.error,testId:`ruleset-rename-input`,errorTestId:`ruleset-rename-error`,onInput:t=>{let n=ya(t);this.renaming=n?{id:e.id,name:t,error:n}:{id:e.id,name:t}},onKeydown:e=>{e.key===`Escape`&&(this.renaming=null)}})}
          <button class="slds-button slds-button_brand" type="submit" data-testid="ruleset-rename-save">Save</button>
          <button class="slds-button slds-button_neutral" type="button" @click=${()=>this.renaming=null}>Cancel</button>
        </form>`:l`<a
          href=${Ao({rulesetId:e.id,ruleId:null})||`#`}
          data-testid="ruleset-open"
          @click=${t=>{t.preventDefault(),this.navigate({rulesetId:e.id,ruleId:null})}}
          >${e.name}</a
        >`;return l`<tr class="slds-hint-parent" data-testid="ruleset-row" data-ruleset-id=${e.id}>
      <td data-label="Order">${t+1}</td>
      <th scope="row" data-label="Name">${i}</th>
      <td data-label="Rules">${e.rules.length}</td>
      <td data-label="Enabled">
        ${xa({id:`toggle-${e.id}`,label:`Enabled: ${e.name}`,checked:e.enabled,testId:`ruleset-enabled`,onChange:()=>void this.toggle(e)})}
      </td>
      <td data-label="Actions">
        <div class="slds-button-group" role="group">
          <button
            class="slds-button slds-button_icon slds-button_icon-border-filled"
            type="button"
            title="Move up"
            ?disabled=${t===0}
            data-testid="ruleset-move-up-${t}"
            @click=${()=>void this.reorder(t,-1)}
          >
            ${E(`utility`,`arrowup`,`slds-button__icon`)}<span class="slds-assistive-text">Move ${e.name} up</span>
          </button>
          <button
            class="slds-button slds-button_icon slds-button_icon-border-filled"
            type="button"
            title="Move down"
            ?disabled=${t===n-1}
            data-testid="ruleset-move-down-${t}"
            @click=${()=>void this.reorder(t,1)}
          >
            ${E(`utility`,`arrowdown`,`slds-button__icon`)}<span class="slds-assistive-text">Move ${e.name} down</span>
          </button>
          <button
            class="slds-button slds-button_neutral"
            type="button"
            data-testid="ruleset-rename"
            @click=${async()=>{this.renaming={id:e.id,name:e.name},await this.updateComplete,this.querySelector(`[data-testid=ruleset-rename-input]`)?.focus()}}
          >
            Rename<span class="slds-assistive-text"> ${e.name}</span>
          </button>
          <button class="slds-button slds-button_destructive" type="button" data-testid="ruleset-delete" @click=${()=>this.openDeleteModal(e)}>
            Delete<span class="slds-assistive-text"> ${e.name}</span>
          </button>
        </div>
      </td>
    </tr>`}renderList(e){return l`<article class="slds-card slds-card_boundary" aria-labelledby="rulesets-title" data-testid="rulesets-card">
        <div class="slds-card__header slds-grid pd-authoring__card-header">
          <header class="slds-media slds-has-flexi-truncate">
            <div class="slds-media__body"><h2 class="slds-card__header-title" id="rulesets-title">Rulesets (${e.length})</h2></div>
          </header>
          <div class="slds-no-flex pd-authoring__inline-form">
            <pd-ruleset-templates @pd-ruleset-added=${()=>void this.listTask.run()}></pd-ruleset-templates>
            <a class="slds-button slds-button_neutral" href=${this.authoring().exportUrl} download data-testid="rulesets-export">Export</a>
            <label class="slds-button slds-button_neutral" for="rulesets-import-file">Import…</label>
            <input
              class="slds-assistive-text"
              type="file"
              id="rulesets-import-file"
              accept="application/json,.json"
              data-testid="rulesets-import"
              @change=${e=>void this.handleImport(e)}
            />
            ${Sa({id:`new-ruleset-name`,noun:`ruleset`,buttonTestId:`add-ruleset`,value:this.newName,error:this.addError,onInput:(e,t)=>{this.newName=e,this.addError=t},onSubmit:e=>void this.handleAdd(e)})}
          </div>
        </div>
        <div class="slds-card__body slds-card__body_inner">
          ${e.length===0?l`<p class="slds-text-color_weak" data-testid="rulesets-empty">
                  No rulesets yet. Add one: it starts disabled, so nothing runs until you enable it.
                </p>`:l`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-labelledby="rulesets-title">
                  <thead>
                    <tr class="slds-line-height_reset">
                      <th scope="col">Order</th>
                      <th scope="col">Name</th>
                      <th scope="col">Rules</th>
                      <th scope="col">Status</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${e.map((t,n)=>this.renderRow(t,n,e.length))}
                  </tbody>
                </table>`}
          <p class="slds-text-body_small slds-text-color_weak slds-m-top_small">
            Enabled rulesets run in this order; inside a ruleset, rules run top to bottom. Imported rulesets arrive disabled.
          </p>
        </div>
      </article>
      ${Do(this.confirmDelete?{id:`delete-ruleset-modal`,title:`Delete ruleset?`,body:l`<p>
                Delete <strong>${this.confirmDelete.name}</strong> and its ${this.confirmDelete.rules.length} rule(s)? This cannot be undone; Export first to
                keep a copy.
              </p>`,confirmLabel:`Delete`,busy:this.busy,onConfirm:()=>void this.deleteConfirmed(),onCancel:()=>this.confirmDelete=null}:null)}`}render(){let e=l`<div class="pd-authoring__header">
      <h2 class="slds-text-heading_medium">Rulesets</h2>
      <p class="slds-text-body_small slds-text-color_weak">Which Case changes become incidents, and what PagerDuty's updates do to Cases.</p>
    </div>`;return this.location.rulesetId?l`${e}<pd-ruleset-rules
          .rulesetId=${this.location.rulesetId}
          .ruleId=${this.location.ruleId}
          @pd-rulesets-navigate=${e=>this.navigate(e.detail)}
        ></pd-ruleset-rules>`:l`${e}${this.listTask.render({initial:()=>q(`Loading the rulesets`),pending:()=>this.listTask.value?this.renderList(this.listTask.value):q(`Loading the rulesets`),complete:e=>this.renderList(e),error:e=>J(`Could not load the rulesets. ${x(e)}`,()=>void this.listTask.run())})}`}};customElements.define(`pd-rulesets-tab`,Xs);var Zs=class{api;constructor(e){this.api=e}log(e,t){return this.api.call({method:`GET`,path:`${_t.getSyncLog.path}${Qs(e)}`},{signal:t})}event(e,t){return this.api.call({method:`GET`,path:_t.getSyncLogEvent.path.replace(`:id`,String(e))},{signal:t})}retry(e){return this.api.call({method:`POST`,path:_t.retrySyncJob.path.replace(`:id`,String(e))})}static csvHref(e){return`${_t.exportSyncLogCsv.path}${Qs(e)}`}};function Qs(e){let t=new URLSearchParams;for(let[n,r]of Object.entries(e))r!==void 0&&r!==``&&t.set(n,String(r));let n=t.toString();return n?`?${n}`:``}var $s={salesforce:`Salesforce`,pagerduty:`PagerDuty`,manual_sync:`Manual sync`,reconcile:`Reconciliation`,agent:`Agent (console)`},ec={dead:{tone:`error`,icon:`error`,label:`Dead`},failed:{tone:`warning`,icon:`warning`,label:`Retrying`},pending:{tone:`neutral`,icon:`info`,label:`Pending`},skipped:{tone:`neutral`,icon:`warning`,label:`Skipped`},ignored:{tone:`neutral`,icon:`info`,label:`Ignored`},done:{tone:`success`,icon:`success`,label:`Done`}},tc={pending:`pending`,running:`pending`,failed:`failed`,dead:`dead`,done:`done`};function nc(e){return e.state===`done`&&e.skippedReason!==null?`skipped`:tc[e.state]}var rc={process_event:`Process event`,...ra,sync_comment_to_note:`Comment → note`,sync_note_to_comment:`Note → comment`,push_custom_fields:`Custom fields → incident`,pull_custom_fields:`Custom fields → Case`,route_incident_priority:`Priority routing`,...Object.fromEntries(ge.map(e=>[le(e),ic(e)]))};function ic(e){return`Agent: ${ie[e]}`}function ac(e){return rc[e]??e}var oc={"case.create":`Case created`,"case.update":`Case updated`,"case.delete":`Case deleted`,"case_comment.create":`Case comment added`,...Object.fromEntries(ge.map(e=>[me(e),ic(e)]))};function sc(e){return oc[e]??ia(e)}function cc(e){return e?$s[e]:`—`}function lc(e){return e===null||!Number.isFinite(e)?`—`:e<1e3?`${Math.round(e)} ms`:e<6e4?`${(e/1e3).toFixed(1)} s`:`${Math.floor(e/6e4)} min ${Math.round(e%6e4/1e3)} s`}function uc(e){return e?`${e.attempts}/${e.maxAttempts}`:`—`}function dc(e){return e?.lastError&&e.state!==`done`?{message:e.lastError,hint:e.errorHint}:null}function fc(e){return`${e.type}-${e.id}`}function pc(e){return ua(e)?la[e].label:e}function mc(e){return e===void 0?`(not known)`:e===null?`(empty)`:typeof e==`number`||typeof e==`boolean`?String(e):JSON.stringify(e)}function hc(e){return e?{title:`No rows match these filters`,body:`Clear the search or choose another source or status.`}:{title:`No sync activity yet`,body:`Case changes and PagerDuty incident updates appear here as soon as they arrive, with what the rules did about them.`}}var gc={incidentId:`Incident id`,incidentNumber:`Incident number`,url:`Incident URL`,status:`Status`,note:`Note`,caseId:`Case id`,caseNumber:`Case number`,commentId:`Comment id`,fields:`Fields written`,level:`Escalation level`,escalationLevel:`Escalation level`,durationMinutes:`Snoozed for (minutes)`,snoozedForMinutes:`Snoozed for (minutes)`,snoozedUntil:`Snoozed until`,resolution:`Resolution note`,responders:`Responders`,responderNames:`Responders`,responderRequestId:`Responder request id`,userIds:`Users`,escalationPolicyIds:`Escalation policies`,message:`Message`,statusUpdateId:`Status update id`,workflowId:`Workflow`,workflowName:`Workflow`,workflowInstanceId:`Workflow run id`,conferenceNumber:`Conference number`,conferenceUrl:`Conference URL`,alreadyDone:`Already done`};function _c(e){let t=e.replace(/_/g,` `).replace(/([a-z0-9])([A-Z])/g,`$1 $2`).toLowerCase();return t.charAt(0).toUpperCase()+t.slice(1)}function vc(e){if(e==null||e===``)return`(none)`;if(typeof e==`boolean`)return e?`Yes`:`No`;if(typeof e==`string`||typeof e==`number`)return String(e);if(Array.isArray(e))return e.length===0?`(none)`:e.map(vc).join(`, `);if(typeof e==`object`){let t=e;return typeof t.name==`string`?t.name:typeof t.summary==`string`?t.summary:JSON.stringify(e)}return JSON.stringify(e)}var yc=new Set([`userIds`,`escalationPolicyIds`,`workflowId`]);function bc(e){return typeof e==`object`&&!!e&&Object.keys(e).some(e=>yc.has(e))}function xc(e,t={}){return e==null?[]:typeof e!=`object`||Array.isArray(e)?[[`Result`,vc(e)]]:Object.entries(e).map(([e,n])=>{let r=e=>typeof e==`string`?t[e]??e:e,i=yc.has(e)?Array.isArray(n)?n.map(r):r(n):n;return[gc[e]??_c(e),vc(i)]})}var Sc=class{api;constructor(e){this.api=e}settings(e){return this.api.call(A.getSyncSettings,{signal:e})}saveSettings(e){return this.api.call(A.updateSyncSettings,{body:e})}runs(e){return this.api.call(A.listSyncRuns,{signal:e})}run(e,t){return this.api.call({...A.getSyncRun,path:_(A.getSyncRun.path,{id:e})},{signal:t})}startRun(e){return this.api.call(A.startSyncRun,{body:e})}cancelRun(e){return this.api.call({...A.cancelSyncRun,path:_(A.cancelSyncRun.path,{id:e})},{body:{}})}};function Cc(e){let t=new Date(e);if(Number.isNaN(t.getTime()))return``;let n=e=>String(e).padStart(2,`0`);return`${t.getFullYear()}-${n(t.getMonth()+1)}-${n(t.getDate())}T${n(t.getHours())}:${n(t.getMinutes())}`}function wc(e){if(!e)return;let t=new Date(e);return Number.isNaN(t.getTime())?void 0:t.toISOString()}function Tc(e){if(!e.automaticSync)return`Off: only manual syncs read Salesforce.`;if(e.intakeMode===`cdc`)return`On: Case changes arrive as they happen (Change Data Capture).`;let t=e.pollIntervalSeconds;return Number.isInteger(t)&&t>0?`On: Salesforce is polled for changed Cases every ${t} seconds.`:`On: Salesforce is polled for changed Cases.`}function Ec(e){if(e.total===null)return e.state===`running`?`Counting Cases…`:`${e.processed} Cases`;let t=e.total===1?`Case`:`Cases`;return`${e.processed} of ${e.total} ${t} (${e.percent}%)`}var Dc={running:`Running`,succeeded:`Completed`,failed:`Failed`,cancelled:`Cancelled`};function Oc(e){return Dc[e]}function kc(e){return e===`full`?`Full sync`:`Incremental sync`}function Ac(e){return e===`succeeded`?`success`:e===`failed`?`error`:e===`cancelled`?`neutral`:`running`}function jc(e,t,n=C){let r=`Full sync reads Cases changed since ${n(e)}.`;return Date.parse(e)===Date.parse(t)?r:`${r} Save to read from the start date above instead.`}var Mc=new Set([`automaticSync`,`intakeMode`,`pollIntervalSeconds`,`commentPollSeconds`,`startDate`]),Nc=class extends o{static properties={draft:{state:!0},saving:{state:!0},fieldErrors:{state:!0},run:{state:!0},starting:{state:!0},savedStartDate:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});pollTimer;loadTask=new y(this,{task:async(e,{signal:t})=>{let n=this.syncApi(),[r,i]=await Promise.all([n.settings(t),n.runs(t)]);return this.draft=r,this.savedStartDate=r.startDate,this.run=i.runs[0],this.run?.state===`running`&&this.schedulePoll(),r},args:()=>[]});constructor(){super(),this.draft=void 0,this.saving=!1,this.fieldErrors={},this.run=void 0,this.starting=!1,this.savedStartDate=void 0}createRenderRoot(){return this}disconnectedCallback(){super.disconnectedCallback(),clearTimeout(this.pollTimer)}render(){return l`<article class="slds-card slds-card_boundary pd-sync-settings">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body"><h2 class="slds-card__header-title">Sync settings</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${this.loadTask.status===v.ERROR?l`<p class="slds-text-color_error" role="alert">Could not load the sync settings: ${x(this.loadTask.error)}</p>`:this.draft?l`${this.renderForm(this.draft)}${this.renderManualSync()}`:l`<div class="pd-sync-settings__skeleton" aria-busy="true"><span class="slds-assistive-text">Loading the sync settings</span></div>`}
      </div>
    </article>`}renderForm(e){return l`<form class="slds-form" data-testid="sync-settings-form" novalidate @submit=${e=>void this.handleSave(e)}>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small">
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.automaticSync?`slds-has-error`:``}">
          <span class="slds-form-element__label" id="sync-automatic-label">Automatic sync</span>
          <div class="slds-form-element__control">
            <label class="slds-checkbox_toggle slds-grid">
              <input
                type="checkbox"
                id="sync-automatic"
                aria-describedby="sync-automatic-help"
                aria-invalid=${this.fieldErrors.automaticSync?`true`:`false`}
                .checked=${e.automaticSync}
                @change=${e=>this.patch({automaticSync:e.target.checked})}
              />
              <span class="slds-checkbox_faux_container" aria-live="assertive">
                <span class="slds-checkbox_faux"></span>
                <span class="slds-checkbox_on">On</span>
                <span class="slds-checkbox_off">Off</span>
              </span>
              <span class="slds-assistive-text">Automatic sync</span>
            </label>
          </div>
          <div class="slds-form-element__help" id="sync-automatic-help">${this.fieldErrors.automaticSync??Tc(e)}</div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.intakeMode?`slds-has-error`:``}">
          <label class="slds-form-element__label" for="sync-intake-mode">Salesforce changes arrive by</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select
                class="slds-select"
                id="sync-intake-mode"
                aria-describedby=${this.fieldErrors.intakeMode?`sync-intake-mode-error`:u}
                aria-invalid=${this.fieldErrors.intakeMode?`true`:`false`}
                .value=${e.intakeMode}
                @change=${e=>this.patch({intakeMode:e.target.value})}
              >
                <option value="cdc" ?selected=${e.intakeMode===`cdc`}>Change Data Capture (real time)</option>
                <option value="poll" ?selected=${e.intakeMode===`poll`}>Polling (orgs without CDC)</option>
              </select>
            </div>
          </div>
          ${this.fieldErrors.intakeMode?l`<div class="slds-form-element__help" id="sync-intake-mode-error">${this.fieldErrors.intakeMode}</div>`:u}
        </div>
        ${this.numberField(`sync-poll-interval`,`pollIntervalSeconds`,`Poll every (seconds)`,e.pollIntervalSeconds,`Polling mode: one API call per poll.`)}
        ${this.numberField(`sync-comment-poll`,`commentPollSeconds`,`Poll comments every (seconds)`,e.commentPollSeconds,`While comments sync to notes.`)}
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.startDate?`slds-has-error`:``}">
          <label class="slds-form-element__label" for="sync-start-date">Start date</label>
          <div class="slds-form-element__control">
            <input
              class="slds-input"
              type="datetime-local"
              id="sync-start-date"
              .value=${Cc(e.startDate)}
              aria-describedby="sync-start-date-help"
              aria-invalid=${this.fieldErrors.startDate?`true`:`false`}
              @change=${e=>{let t=wc(e.target.value);t&&this.patch({startDate:t})}}
            />
          </div>
          <div class="slds-form-element__help" id="sync-start-date-help">${this.fieldErrors.startDate??`Cases changed before this are never synced.`}</div>
        </div>
      </div>
      <div class="slds-m-top_small">
        <button class="slds-button slds-button_brand" type="submit" data-testid="sync-settings-save" aria-busy=${this.saving?`true`:`false`}>Save</button>
      </div>
    </form>`}numberField(e,t,n,r,i){let a=this.fieldErrors[t];return l`<div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${a?`slds-has-error`:``}">
      <label class="slds-form-element__label" for=${e}>${n}</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          type="number"
          min="10"
          max="86400"
          step="1"
          id=${e}
          .value=${String(r)}
          aria-describedby=${`${e}-help`}
          aria-invalid=${a?`true`:`false`}
          @change=${e=>this.patch({[t]:e.target.valueAsNumber})}
        />
      </div>
      <div class="slds-form-element__help" id=${`${e}-help`}>${a??i}</div>
    </div>`}renderManualSync(){let e=this.run,t=e?.state===`running`;return l`<section class="pd-sync-settings__manual slds-m-top_medium" aria-labelledby="manual-sync-heading">
      <h3 class="slds-text-heading_small" id="manual-sync-heading">Manual sync</h3>
      <div class="slds-button-group slds-m-top_x-small" role="group">
        <button
          class="slds-button slds-button_neutral"
          data-testid="manual-sync-full"
          aria-describedby="manual-sync-full-range"
          aria-busy=${this.starting?`true`:`false`}
          @click=${()=>void this.handleStart(`full`)}
        >
          Run full sync
        </button>
        <button
          class="slds-button slds-button_neutral"
          data-testid="manual-sync-incremental"
          aria-busy=${this.starting?`true`:`false`}
          @click=${()=>void this.handleStart(`incremental`)}
        >
          Run incremental sync
        </button>
        ${t?l`<button class="slds-button slds-button_destructive" data-testid="manual-sync-cancel" ?disabled=${e.cancelRequested} @click=${()=>void this.handleCancel()}>Cancel</button>`:u}
      </div>
      <p class="slds-text-body_small slds-m-top_xx-small" id="manual-sync-full-range" data-testid="manual-sync-full-range">
        ${this.savedStartDate&&this.draft?jc(this.savedStartDate,this.draft.startDate):`Full sync reads Cases changed since the start date.`}
      </p>
      <div class="pd-sync-settings__run slds-m-top_small">
        ${e?l`<div class="slds-grid slds-grid_align-spread">
                  <span data-testid="manual-sync-status"
                    >${kc(e.mode)}: ${Oc(e.state)}${e.cancelRequested&&t?` (cancelling…)`:``}</span
                  >
                  <span aria-hidden="true">${Ec(e)}</span>
                </div>
                <div
                  class="slds-progress-bar slds-progress-bar_large pd-sync-settings__bar_${Ac(e.state)}"
                  data-testid="manual-sync-progress"
                  role="progressbar"
                  aria-valuemin="0"
                  aria-valuemax="100"
                  aria-valuenow=${e.percent}
                  aria-label=${`${kc(e.mode)} progress`}
                  aria-valuetext=${Ec(e)}
                >
                  <span class="slds-progress-bar__value" style=${`width: ${e.percent}%`}><span class="slds-assistive-text">${Ec(e)}</span></span>
                </div>
                ${e.error?l`<p class="slds-text-color_error slds-m-top_xx-small" role="alert">${e.error}</p>`:u}
                ${e.note?l`<p class="slds-text-body_small slds-text-color_weak slds-m-top_xx-small">${e.note}</p>`:u}`:l`<p class="slds-text-body_small slds-text-color_weak">No manual sync has run yet.</p>`}
      </div>
    </section>`}syncApi(){return new Sc(z(this.api))}patch(e){this.draft&&(this.draft={...this.draft,...e},this.fieldErrors=Object.fromEntries(Object.entries(this.fieldErrors).filter(([t])=>!(t in e))))}async handleSave(e){if(e.preventDefault(),this.draft&&!this.saving){this.saving=!0;try{this.draft=await this.syncApi().saveSettings(this.draft),this.savedStartDate=this.draft.startDate,this.fieldErrors={},this.toasts.value?.show({variant:`success`,title:`Sync settings saved`})}catch(e){let t=e instanceof b?e.fieldErrors:[];this.fieldErrors=Object.fromEntries(t.filter(e=>Mc.has(e.path)).map(e=>[e.path,e.message])),Object.keys(this.fieldErrors).length?(await this.updateComplete,this.querySelector(`[aria-invalid="true"]`)?.focus()):this.toasts.value?.show({variant:`error`,title:`The sync settings were not saved`,message:x(e)})}finally{this.saving=!1}}}async handleStart(e){if(!this.starting){this.starting=!0;try{this.run=await this.syncApi().startRun({mode:e}),this.schedulePoll()}catch(t){this.toasts.value?.show({variant:`error`,title:`${kc(e)} did not start`,message:x(t)})}finally{this.starting=!1}}}async handleCancel(){let e=this.run;if(e)try{this.run=await this.syncApi().cancelRun(e.id),this.schedulePoll()}catch(e){this.toasts.value?.show({variant:`error`,title:`The sync was not cancelled`,message:x(e)})}}schedulePoll(){clearTimeout(this.pollTimer),this.pollTimer=setTimeout(()=>{this.poll()},700)}async poll(){let e=this.run;if(e&&e.state===`running`&&this.isConnected)try{let t=await this.syncApi().run(e.id);this.run?.id===t.id&&(this.run=t),t.state===`running`?this.schedulePoll():t.state===`succeeded`&&this.toasts.value?.show({variant:`success`,title:`${kc(t.mode)} completed`,message:Ec(t)})}catch{this.schedulePoll()}}};customElements.define(`pd-sync-settings`,Nc);var Pc=class extends o{static properties={eventId:{type:Number,attribute:`event-id`},status:{type:String}};api=new k(this,{context:R});traceTask=new y(this,{task:async([e],{signal:t})=>new Zs(z(this.api)).event(e,t),args:()=>[this.eventId,this.status]});namesTask=new y(this,{task:async([e],{signal:t})=>{let n=this.api.value;if(!e||!n)return{};try{let e=await new W(n).pagerDutyMetadata(t);return Object.fromEntries([...e.users,...e.escalationPolicies,...e.incidentWorkflows].map(e=>[e.id,e.name]))}catch{return{}}},args:()=>[this.traceTask.value?.entry.actions.some(e=>bc(e.result))??!1]});constructor(){super(),this.eventId=0,this.status=``}createRenderRoot(){return this}renderRule(e){let t=e.matched?{tone:`success`,icon:`success`,label:`Matched`}:{tone:`neutral`,icon:`info`,label:e.skippedReason===`stopped`?`Skipped: an earlier rule stopped the ruleset`:`Not matched`};return l`<section class="pd-sync-trace__rule" data-testid="sync-log-trace-rule" data-matched=${e.matched?`true`:`false`}>
      <h4 class="slds-text-heading_small pd-sync-trace__rule-title">
        <span>${e.rulesetName} › ${e.ruleName}</span> ${H(t)}
        ${e.logic?l`<span class="slds-text-body_small slds-text-color_weak">Filter logic: ${e.logic}</span>`:u}
      </h4>
      ${e.conditions.length===0?l`<p class="slds-text-color_weak">No conditions: the rule runs on every matching event.</p>`:l`<table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_col-bordered pd-sync-trace__table">
              <caption class="slds-assistive-text">
                Conditions of ${e.ruleName}
              </caption>
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col">#</th>
                  <th scope="col">Field</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Actual</th>
                  <th scope="col">Previous</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                ${e.conditions.map(e=>l`<tr>
                      <td>${e.index}</td>
                      <td>${e.field}</td>
                      <td data-testid="sync-log-trace-operator">${pc(e.operator)}</td>
                      <td class="pd-sync-trace__value">${mc(e.expected)}</td>
                      <td class="pd-sync-trace__value">${mc(e.actual)}</td>
                      <td class="pd-sync-trace__value">${`previous`in e?mc(e.previous):`—`}</td>
                      <td>
                        <span class=${e.outcome?`slds-text-color_success`:`slds-text-color_error`}>${e.outcome?`True`:`False`}</span>
                        ${e.note?l`<div class="slds-text-body_small slds-text-color_weak">${e.note}</div>`:u}
                      </td>
                    </tr>`)}
              </tbody>
            </table>`}
    </section>`}renderActionResult(e){let t=e.state===`done`&&e.skippedReason===null?xc(e.result,this.namesTask.value??{}):[];return l`<li class="pd-sync-trace__action" data-testid="sync-log-trace-action" data-task=${e.task}>
      <span class="pd-sync-trace__action-title"><strong>${ac(e.task)}</strong> ${H(ec[nc(e)])}</span>
      ${e.skippedReason===null?u:l`<p class="slds-text-body_small">${e.skippedReason}</p>`}
      ${t.length?l`<dl class="slds-dl_horizontal pd-sync-trace__result" data-testid="sync-log-trace-result">
              ${t.map(([e,t])=>l`<dt class="slds-dl_horizontal__label">${e}</dt>
                    <dd class="slds-dl_horizontal__detail">${t}</dd>`)}
            </dl>`:u}
    </li>`}renderActions(e){return e.entry.actions.length===0?u:l`<section class="pd-sync-trace__actions" aria-label="What the actions did">
      <h4 class="slds-text-heading_small pd-sync-trace__rule-title">What the actions did</h4>
      <ul>
        ${e.entry.actions.map(e=>this.renderActionResult(e))}
      </ul>
    </section>`}renderReply(e){return!e.trace||e.trace.length===0?l`<p data-testid="sync-log-trace-empty">
          ${e.trace?`No enabled rule runs on this kind of event.`:`Rules did not run${e.entry.note?`: ${e.entry.note}`:e.entry.status===`pending`?`: the event is not processed yet.`:`.`}`}
        </p>
        ${this.renderActions(e)}`:l`${e.entry.note?l`<p class="slds-m-bottom_x-small">${e.entry.note}</p>`:u}${e.trace.map(e=>this.renderRule(e))}
    ${this.renderActions(e)}`}render(){return l`<div class="pd-sync-trace" data-testid="sync-log-trace">
      ${this.traceTask.render({initial:()=>l`<p class="slds-text-color_weak">Loading the trace…</p>`,pending:()=>this.traceTask.value?this.renderReply(this.traceTask.value):l`<p class="slds-text-color_weak">Loading the trace…</p>`,complete:e=>this.renderReply(e),error:e=>l`<p class="slds-text-color_error" role="alert">Could not load the trace: ${x(e)}</p>`})}
    </div>`}};customElements.define(`pd-sync-log-trace`,Pc);var Fc=5e3,Ic=50,Lc=200,Rc=300,zc=class extends o{static properties={source:{state:!0},status:{state:!0},query:{state:!0},limit:{state:!0},lastReply:{state:!0},expanded:{state:!0},retrying:{state:!0},openErrors:{state:!0},clampedErrors:{state:!0}};api=new k(this,{context:R});toasts=new k(this,{context:B});searchTimer;polling=new Oi(this,Fc,()=>this.refresh());logTask=new y(this,{task:async([e,t,n,r],{signal:i})=>{let a=await this.logApi().log({source:e||void 0,status:t||void 0,q:n||void 0,limit:r},i);return this.lastReply=a,a},args:()=>[this.source,this.status,this.query,this.limit]});constructor(){super(),this.source=``,this.status=``,this.query=``,this.limit=Ic,this.lastReply=void 0,this.expanded=new Set,this.retrying=new Set,this.openErrors=new Set,this.clampedErrors=new Set}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),window.addEventListener(`resize`,this.handleResize)}disconnectedCallback(){window.removeEventListener(`resize`,this.handleResize),clearTimeout(this.searchTimer),this.logTask.abort(),super.disconnectedCallback()}updated(){let e=new Set;for(let t of this.querySelectorAll(`[data-error-job]`)){let n=Number(t.dataset.errorJob);!this.openErrors.has(n)&&t.scrollHeight>t.clientHeight+1&&e.add(n)}(e.size!==this.clampedErrors.size||[...e].some(e=>!this.clampedErrors.has(e)))&&(this.clampedErrors=e)}handleResize=()=>{this.requestUpdate()};logApi(){return new Zs(z(this.api))}refresh(){this.logTask.status!==v.PENDING&&this.logTask.run()}handleSource=e=>{this.source=e.target.value,this.limit=Ic};handleStatus=e=>{this.status=e.target.value,this.limit=Ic};handleSearch=e=>{let t=e.target.value.trim();clearTimeout(this.searchTimer),this.searchTimer=setTimeout(()=>{this.query=t,this.limit=Ic},Rc)};handleShowMore=()=>{this.limit=Math.min(Lc,this.limit+Ic)};toggle(e){let t=new Set(this.expanded);t.delete(e)||t.add(e),this.expanded=t}async retry(e,t){if(this.retrying.has(e.id))return;this.retrying=new Set([...this.retrying,e.id]);let n=`${ac(e.task)}${t?` for Case ${t}`:``}`;try{await this.logApi().retry(e.id),this.toasts.value?.show({variant:`success`,title:`Retry queued`,message:`${n} runs again now.`})}catch(e){this.toasts.value?.show({variant:`error`,title:`Could not retry`,message:`${n}: ${x(e)}`})}finally{let t=new Set(this.retrying);t.delete(e.id),this.retrying=t,this.logTask.run()}}renderToolbar(){let e=this.logTask.status===v.PENDING,t={source:this.source||void 0,status:this.status||void 0,q:this.query||void 0};return l`<div class="pd-sync-log__toolbar">
        <div>
          <h2 class="slds-text-heading_medium">Sync log</h2>
          <p class="slds-text-body_small slds-text-color_weak">Every inbound event and every action, newest first · refreshes every 5 seconds</p>
        </div>
        <div class="pd-sync-log__actions">
          <span class="pd-sync-log__busy" role="status">
            ${e?l`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
                    <span class="slds-assistive-text">Refreshing the sync log</span>
                    <div class="slds-spinner__dot-a"></div>
                    <div class="slds-spinner__dot-b"></div>
                  </div>`:u}
          </span>
          <a class="slds-button slds-button_neutral" href=${Zs.csvHref(t)} download data-testid="sync-log-export">
            ${O(`download`)}Export CSV
          </a>
        </div>
      </div>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small pd-sync-log__filters" role="search">
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-source">Source</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select class="slds-select" id="sync-log-source" data-testid="sync-log-source" @change=${this.handleSource}>
                <option value="" ?selected=${this.source===``}>All sources</option>
                ${rt.map(e=>l`<option value=${e} ?selected=${this.source===e}>${$s[e]}</option>`)}
              </select>
            </div>
          </div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-status">Status</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select class="slds-select" id="sync-log-status" data-testid="sync-log-status" @change=${this.handleStatus}>
                <option value="" ?selected=${this.status===``}>All statuses</option>
                ${it.map(e=>l`<option value=${e} ?selected=${this.status===e}>${ec[e].label}</option>`)}
              </select>
            </div>
          </div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_2-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-search">Search</label>
          <div class="slds-form-element__control slds-input-has-icon slds-input-has-icon_left">
            ${T(`search`,`slds-icon slds-input__icon slds-input__icon_left slds-icon-text-default`)}
            <input
              class="slds-input"
              id="sync-log-search"
              type="search"
              data-testid="sync-log-search"
              maxlength="200"
              placeholder="Case number, incident number, kind or error text"
              @input=${this.handleSearch}
            />
          </div>
        </div>
      </div>`}link(e,t,n){return e?t?l`<a href=${t} target="_blank" rel="noopener noreferrer" title=${n}>${e}</a>`:e:`—`}toggleError(e){let t=new Set(this.openErrors);t.delete(e)||t.add(e),this.openErrors=t}renderError(e,t){let n=dc(e);if(!e||!n)return u;let r=this.openErrors.has(e.id),i=`sync-log-error-${e.id}`;return l`<div class="pd-sync-log__error">
      <p
        class="slds-text-color_error pd-sync-log__error-message ${r?``:`slds-line-clamp`}"
        id=${i}
        data-error-job=${e.id}
        data-testid="sync-log-error-message"
      >
        ${n.message}
      </p>
      ${r||this.clampedErrors.has(e.id)?l`<button
              class="slds-button pd-sync-log__more"
              type="button"
              aria-expanded=${r?`true`:`false`}
              aria-controls=${i}
              @click=${()=>this.toggleError(e.id)}
            >
              ${r?`Show less`:`Show more`}
            </button>`:u}
      ${n.hint?l`<p class="slds-text-body_small pd-sync-log__hint" data-testid="sync-log-error-hint">
              ${T(`light_bulb`,`slds-icon slds-icon_xx-small slds-icon-text-default pd-sync-log__hint-icon`)}<span>${n.hint}</span>
            </p>`:u}
      ${this.renderRetry(e,t)}
    </div>`}renderRetry(e,t){if(!e||e.state!==`dead`)return u;let n=this.retrying.has(e.id);return l`<button
      class="slds-button slds-button_neutral slds-button_small pd-sync-log__retry"
      type="button"
      data-testid="sync-log-retry"
      data-job-id=${e.id}
      aria-busy=${n?`true`:`false`}
      aria-label="Retry ${ac(e.task)} (job ${e.id})"
      @click=${()=>void this.retry(e,t)}
    >
      ${O(`refresh`)}Retry
    </button>`}renderJobStatus(e){return l`${H(ec[nc(e)])}${e.skippedReason===null?u:l`<p class="slds-text-body_small pd-sync-log__reason" data-testid="sync-log-skipped-reason">${e.skippedReason}</p>`}`}renderAction(e,t){return l`<tr
      class="pd-sync-log__action-row"
      data-testid="sync-log-action-row"
      data-job-id=${t.id}
      data-event-key=${fc(e)}
      data-state=${t.state}
      data-status=${nc(t)}
    >
      <td></td>
      <td><span title=${t.finishedAt??t.createdAt}>${C(t.finishedAt??t.createdAt)}</span></td>
      <td class="slds-text-color_weak">Action</td>
      <td><span class="pd-sync-log__nested">↳ ${ac(t.task)}</span></td>
      <td>${this.link(t.caseNumber,t.caseUrl,`Open the Case in Salesforce`)}</td>
      <td>${this.link(t.incidentNumber?`#${t.incidentNumber}`:null,t.incidentUrl,`Open the incident in PagerDuty`)}</td>
      <td></td>
      <td>${this.renderJobStatus(t)}</td>
      <td>${uc(t)}</td>
      <td>${lc(t.durationMs)}</td>
      <td>${this.renderError(t,e.caseNumber)}</td>
    </tr>`}renderEntry(e){let t=fc(e),n=this.expanded.has(t),r=`sync-log-trace-${t}`,i=e.type===`event`;return l`<tr class="slds-hint-parent pd-sync-log__row" data-testid="sync-log-row" data-key=${t} data-status=${e.status}>
        <td>
          ${i?l`<button
                  class="slds-button slds-button_icon slds-button_icon-border-filled slds-button_icon-x-small"
                  type="button"
                  aria-expanded=${n?`true`:`false`}
                  aria-controls=${r}
                  data-testid="sync-log-expand"
                  title=${n?`Hide the rules trace`:`Show the rules trace`}
                  @click=${()=>this.toggle(t)}
                >
                  ${T(n?`chevrondown`:`chevronright`,`slds-button__icon`)}
                  <span class="slds-assistive-text">${n?`Hide`:`Show`} the rules trace of event ${e.id}</span>
                </button>`:u}
        </td>
        <td><span title=${e.at}>${C(e.at)}</span></td>
        <td>${i?cc(e.source):l`<span class="slds-text-color_weak">Action</span>`}</td>
        <td>
          ${i?l`<span title=${e.kind}>${sc(e.kind)}</span>`:ac(e.kind)}${e.note&&i?l`<div class="slds-text-body_small slds-text-color_weak pd-sync-log__note" data-testid="sync-log-note">${e.note}</div>`:u}
        </td>
        <td>${this.link(e.caseNumber,e.caseUrl,`Open the Case in Salesforce`)}</td>
        <td>${this.link(e.incidentNumber?`#${e.incidentNumber}`:null,e.incidentUrl,`Open the incident in PagerDuty`)}</td>
        <td>
          ${e.matchedRules.length?e.matchedRules.map(e=>l`<div class="pd-sync-log__rule" data-testid="sync-log-rule">${e}</div>`):l`<span class="slds-text-color_weak">—</span>`}
        </td>
        <td>
          <span data-testid="sync-log-status-badge">${H(ec[e.status])}</span>
          ${!i&&e.processing?.skippedReason?l`<p class="slds-text-body_small pd-sync-log__reason" data-testid="sync-log-skipped-reason">${e.processing.skippedReason}</p>`:u}
        </td>
        <td>${uc(e.processing)}</td>
        <td>${lc(e.processing?.durationMs??null)}</td>
        <td>${this.renderError(e.processing,e.caseNumber)}</td>
      </tr>
      ${e.actions.map(t=>this.renderAction(e,t))}
      ${i&&n?l`<tr class="pd-sync-log__trace-row" id=${r}>
              <td></td>
              <td colspan="10"><pd-sync-log-trace event-id=${e.id} status=${e.status}></pd-sync-log-trace></td>
            </tr>`:u}`}renderTable(e){if(e.entries.length===0){let t=hc(!!(this.source||this.status||this.query));return l`<div class="slds-box slds-theme_shade pd-sync-log__empty" data-testid="sync-log-empty">
          <p class="slds-text-heading_small">${t.title}</p>
          <p class="slds-text-color_weak slds-m-top_x-small">${t.body}</p>
        </div>
        ${this.renderRetention(e)}`}let t=e.nextBefore!==null;return l`<div class="pd-sync-log__scroll">
        <table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_fixed-layout pd-sync-log__table" aria-label="Sync log">
          <!-- Fixed widths that add up to less than the table's min-width (sync-log-tab.css): the Error column takes the rest. -->
          <colgroup>
            <col style="width:2.5rem" />
            <col style="width:10rem" />
            <col style="width:6.5rem" />
            <col style="width:9.5rem" />
            <col style="width:5.75rem" />
            <col style="width:5rem" />
            <col style="width:11rem" />
            <col style="width:8rem" />
            <col style="width:5.25rem" />
            <col style="width:5.5rem" />
            <col />
          </colgroup>
          <thead>
            <tr class="slds-line-height_reset">
              <th scope="col"><span class="slds-assistive-text">Trace</span></th>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Case</th>
              <th scope="col">Incident</th>
              <th scope="col">Matched rules</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            ${pe(e.entries,e=>fc(e),e=>this.renderEntry(e))}
          </tbody>
        </table>
      </div>
      <div class="pd-sync-log__footer">
        ${t&&this.limit<Lc?l`<button class="slds-button slds-button_neutral" type="button" data-testid="sync-log-more" @click=${this.handleShowMore}>
                Show older rows
              </button>`:t?l`<p class="slds-text-color_weak">The tab shows the newest ${Lc} rows: narrow the filters, or export CSV for everything.</p>`:u}
        ${this.renderRetention(e)}
      </div>`}renderRetention(e){return l`<p class="slds-text-color_weak slds-text-body_small slds-m-top_x-small" data-testid="sync-log-retention">
      Finished rows are kept ${e.retentionDays} ${e.retentionDays===1?`day`:`days`} (RETENTION_DAYS), then deleted; dead and unfinished ones stay
      until they are retried.
    </p>`}renderFailure(e){return l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error slds-m-bottom_small" role="alert">
      <div class="slds-media__figure">${T(`error`,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
      <div class="slds-media__body" data-testid="sync-log-error">
        ${this.lastReply?`Could not refresh the sync log; showing the last answer. `:`Could not load the sync log. `}${x(e)}
      </div>
    </div>`}render(){let e=this.lastReply,t=l`<div class="pd-sync-log__placeholder" aria-hidden="true"></div>`;return l`<div class="pd-sync-log__manual"><pd-sync-settings></pd-sync-settings></div>
      <article class="slds-card slds-card_boundary">
        <div class="slds-card__body slds-card__body_inner">
          ${this.renderToolbar()}
          ${this.logTask.render({initial:()=>t,pending:()=>e?this.renderTable(e):t,complete:e=>this.renderTable(e),error:t=>l`${this.renderFailure(t)}${e?this.renderTable(e):u}`})}
        </div>
      </article>`}};customElements.define(`pd-sync-log-tab`,zc);var Bc=class extends o{api=new k(this,{context:R,subscribe:!0});#e;createRenderRoot(){return this}source(){let e=this.api.value;if(e)return this.#e?.client!==e&&(this.#e={client:e,source:new he(e)}),this.#e.source}render(){let e=this.source();return e?l`<pd-status-dashboard .source=${e}></pd-status-dashboard>`:u}};customElements.define(`pd-status-dashboard-tab`,Bc);var Vc=Sr([{id:`summary`,label:`SUMMARY`,path:`/summary`,render:()=>l`<pd-summary-tab></pd-summary-tab>`},{id:`object-mappings`,label:`OBJECT MAPPINGS`,path:`/object-mappings`,render:()=>l`<pd-object-mappings-tab></pd-object-mappings-tab>`},{id:`rulesets`,label:`RULESETS`,path:`/rulesets`,render:()=>l`<pd-rulesets-tab></pd-rulesets-tab>`},{id:`connections`,label:`CONNECTIONS`,path:`/connections`,render:()=>l`<pd-connections-tab></pd-connections-tab>`},{id:`sync-log`,label:`SYNC LOG`,path:`/sync-log`,render:()=>l`<pd-sync-log-tab></pd-sync-log-tab>`},{id:`status-dashboard`,label:`STATUS DASHBOARD`,path:`/status-dashboard`,render:()=>l`<pd-status-dashboard-tab></pd-status-dashboard-tab>`}]),Hc=class extends o{static properties={focusOnStart:{type:Boolean,attribute:`focus-on-start`},activeTab:{state:!0},signingOut:{state:!0}};api=new k(this,{context:R});session=new k(this,{context:mr,subscribe:!0});toasts=new k(this,{context:B});handlePopState=()=>{this.activeTab=Cr(Vc,window.location.pathname)};constructor(){super(),this.focusOnStart=!1,this.signingOut=!1,this.activeTab=Cr(Vc,window.location.pathname),this.addEventListener(_r.eventName,e=>{this.handleNavigate(e)})}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),window.addEventListener(`popstate`,this.handlePopState),window.location.pathname!==this.activeTab.path&&window.history.replaceState(null,``,this.activeTab.path)}disconnectedCallback(){window.removeEventListener(`popstate`,this.handlePopState),super.disconnectedCallback()}firstUpdated(){this.focusOnStart&&this.focusActiveTab()}focusActiveTab(){this.querySelector(`#tab-${this.activeTab.id}`)?.focus()}selectTab(e){e.id!==this.activeTab.id&&(this.activeTab=e,window.history.pushState(null,``,e.path))}async handleNavigate(e){let t=Vc.find(t=>t.path===e.path);t&&(this.selectTab(t),await this.updateComplete,this.focusActiveTab())}handleTabClick(e,t){e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),this.selectTab(t))}async handleTabKeydown(e){let t=Vc.findIndex(e=>e.id===this.activeTab.id),n=wr(e.key,t,Vc.length),r=n===void 0?void 0:Vc[n];r&&(e.preventDefault(),this.selectTab(r),await this.updateComplete,this.focusActiveTab())}async handleSignOut(){let e=this.api.value;if(e&&!this.signingOut){this.signingOut=!0;try{await e.signOut(),this.dispatchEvent(new gr)}catch(e){this.toasts.value?.show({variant:`error`,title:`Sign out failed`,message:x(e)})}finally{this.signingOut=!1}}}renderHeader(){let e=this.session.value;return l`<header class="pd-app-shell__header">
      <div class="slds-global-header slds-grid slds-grid_align-spread">
        <div class="slds-global-header__item pd-app-shell__brand">
          ${D(`connected_apps`)}
          <h1 class="slds-text-heading_small pd-app-shell__app-name">PagerDuty Configuration</h1>
          ${e?.demo?l`<span class="slds-badge slds-badge_lightest" data-testid="demo-badge">Demo mode</span>`:u}
        </div>
        <div class="slds-global-header__item pd-app-shell__user">
          <span class="slds-text-body_small slds-text-color_weak slds-m-right_small pd-app-shell__signed-in-as" data-testid="signed-in-user"
            >Signed in as <strong>${e?.username??``}</strong></span
          >
          <button class="slds-button slds-button_neutral" type="button" @click=${()=>void this.handleSignOut()} ?disabled=${this.signingOut}>
            ${O(`logout`)}Sign out
          </button>
        </div>
      </div>
    </header>`}renderTabs(){let e=this.activeTab;return l`<div class="slds-tabs_default pd-app-shell__tabs">
      <ul
        class="slds-tabs_default__nav"
        role="tablist"
        aria-label="PagerDuty Configuration"
        @keydown=${e=>void this.handleTabKeydown(e)}
      >
        ${Vc.map(t=>{let n=t.id===e.id;return l`<li class="slds-tabs_default__item ${n?`slds-is-active`:``}" role="presentation">
            <a
              class="slds-tabs_default__link"
              href=${t.path}
              role="tab"
              id="tab-${t.id}"
              data-testid="tab-${t.id}"
              tabindex=${n?0:-1}
              aria-selected=${n?`true`:`false`}
              aria-controls=${n?`tabpanel-${t.id}`:u}
              @click=${e=>this.handleTabClick(e,t)}
              >${t.label}</a
            >
          </li>`})}
      </ul>
      <div id="tabpanel-${e.id}" class="slds-tabs_default__content slds-show pd-app-shell__panel" role="tabpanel" aria-labelledby="tab-${e.id}">
        ${e.render()}
      </div>
    </div>`}render(){return l`${this.renderHeader()}
      <main class="pd-app-shell__main">${this.renderTabs()}</main>`}};customElements.define(`pd-app-shell`,Hc);var Uc={"link-expired":{variant:`warning`,text:`That sign-in link was already used or has expired; sign in with your password, or restart the app to get a new link.`},"session-ended":{variant:`warning`,text:`Your session has ended; sign in again to continue.`},"signed-out":{variant:`info`,text:`You are signed out.`}};function Wc(e){return typeof e==`string`?e:``}var Gc=class extends o{static properties={notice:{},demo:{type:Boolean},problem:{state:!0}};api=new k(this,{context:R});signInTask=new y(this,{autoRun:!1,task:async([e,t],{signal:n})=>{let r=await z(this.api).signIn({username:e,password:t},n);return this.dispatchEvent(new hr({username:r.username??e,demo:r.demo})),r},onError:()=>{this.refocusPassword=!0}});refocusPassword=!1;constructor(){super(),this.notice=void 0,this.demo=!1,this.problem=void 0}createRenderRoot(){return this}firstUpdated(){this.querySelector(`#sign-in-username`)?.focus()}updated(){if(!this.refocusPassword||this.signInTask.status===v.PENDING)return;this.refocusPassword=!1;let e=this.querySelector(`#sign-in-password`);e?.focus(),e?.select()}handleSubmit=e=>{e.preventDefault();let t=new FormData(e.currentTarget),n=Wc(t.get(`username`)).trim(),r=Wc(t.get(`password`));!n||!r?(this.problem=`Enter your username and password.`,this.querySelector(n?`#sign-in-password`:`#sign-in-username`)?.focus()):(this.problem=void 0,this.signInTask.run([n,r]))};renderNotice(){if(!this.notice)return u;let{variant:e,text:t}=Uc[this.notice];return l`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_${e} slds-m-bottom_medium" role="status">
      <div class="slds-media__figure">${T(e,`slds-icon slds-icon_small slds-icon-text-default`)}</div>
      <div class="slds-media__body" data-testid="sign-in-notice">${t}</div>
    </div>`}render(){let e=this.signInTask.status===v.PENDING,t=this.problem??this.signInTask.render({initial:()=>void 0,pending:()=>void 0,complete:()=>void 0,error:e=>x(e)});return l`<main class="pd-sign-in">
      <div class="pd-sign-in__brand">
        ${D(`connected_apps`,`medium`)}
        <h1 class="slds-text-heading_large">PagerDuty Configuration</h1>
      </div>
      <article class="slds-card pd-sign-in__card">
        <div class="slds-card__body slds-card__body_inner">
          <h2 class="slds-text-heading_medium slds-m-bottom_medium">Sign in</h2>
          ${this.renderNotice()}
          <form novalidate @submit=${this.handleSubmit} aria-describedby="sign-in-error">
            <div class="slds-form-element slds-m-bottom_small ${t?`slds-has-error`:``}">
              <label class="slds-form-element__label" for="sign-in-username">Username</label>
              <div class="slds-form-element__control">
                <input
                  id="sign-in-username"
                  class="slds-input"
                  name="username"
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck="false"
                  aria-invalid=${t?`true`:`false`}
                  ?disabled=${e}
                />
              </div>
            </div>
            <div class="slds-form-element slds-m-bottom_small ${t?`slds-has-error`:``}">
              <label class="slds-form-element__label" for="sign-in-password">Password</label>
              <div class="slds-form-element__control">
                <input
                  id="sign-in-password"
                  class="slds-input"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  aria-invalid=${t?`true`:`false`}
                  ?disabled=${e}
                />
              </div>
            </div>
            <div class="pd-sign-in__error slds-text-color_error" id="sign-in-error" role="alert" data-testid="sign-in-error">${t??``}</div>
            <button class="slds-button slds-button_brand slds-button_stretch" type="submit" ?disabled=${e}>${e?`Signing in…`:`Sign in`}</button>
          </form>
        </div>
      </article>
      <p class="pd-sign-in__help slds-text-color_weak">
        ${this.demo?l`Demo mode: <code>npm start</code> printed a one-time sign-in link in its console; open it to sign in without a password.`:l`No password yet? Open the one-time sign-in link the server printed at start, or set <code>ADMIN_PASSWORD</code> and restart.`}
      </p>
    </main>`}};customElements.define(`pd-sign-in`,Gc);var Kc={success:`success`,error:`error`,warning:`warning`,info:`info`},qc=class extends o{static properties={toasts:{state:!0}};unsubscribe;returnFocusTo;controller=new k(this,{context:B,callback:e=>{this.unsubscribe?.(),this.toasts=e.toasts,this.unsubscribe=e.subscribe(e=>this.toasts=e)}});constructor(){super(),this.toasts=[]}createRenderRoot(){return this}disconnectedCallback(){this.unsubscribe?.(),this.unsubscribe=void 0,super.disconnectedCallback()}handleFocusIn=e=>{let t=e.relatedTarget;t instanceof HTMLElement&&!this.contains(t)&&(this.returnFocusTo=t)};async dismiss(e){let t=this.contains(document.activeElement);if(this.controller.value?.dismiss(e.id),!t)return;await this.updateComplete;let n=this.querySelector(`.slds-notify__close button`);n?n.focus():this.returnFocusTo?.isConnected&&this.returnFocusTo.focus()}handleKeydown(e,t){e.key===`Escape`&&(e.preventDefault(),this.dismiss(t))}renderToast(e){return l`<div
      class="slds-notify slds-notify_toast slds-theme_${e.variant}"
      data-testid="toast"
      data-variant=${e.variant}
      @keydown=${t=>this.handleKeydown(t,e)}
    >
      <span class="slds-assistive-text">${e.variant}</span>
      <span class="slds-icon_container slds-icon-utility-${Kc[e.variant]} slds-m-right_small slds-no-flex slds-align-top"
        >${E(`utility`,Kc[e.variant],`slds-icon slds-icon_small`)}</span
      >
      <div class="slds-notify__content">
        <h2 class="slds-text-heading_small">${e.title}</h2>
        ${e.message?l`<p>${e.message}</p>`:``}
      </div>
      <div class="slds-notify__close">
        <button class="slds-button slds-button_icon slds-button_icon-inverse" type="button" title="Close" @click=${()=>void this.dismiss(e)}>
          ${E(`utility`,`close`,`slds-button__icon slds-button__icon_large`)}
          <span class="slds-assistive-text">Close</span>
        </button>
      </div>
    </div>`}renderRegion(e,t){let n=this.toasts.filter(t=>e.includes(t.variant));return l`<div class="pd-toast-region__live" aria-live=${t} aria-atomic="false" aria-relevant="additions text">
      ${pe(n,e=>e.id,e=>this.renderToast(e))}
    </div>`}render(){return l`<section class="slds-notify_container pd-toast-region" aria-label="Notifications" @focusin=${this.handleFocusIn}>
      ${this.renderRegion([`error`,`warning`],`assertive`)} ${this.renderRegion([`success`,`info`],`polite`)}
    </section>`}};customElements.define(`pd-toast-region`,qc);var Jc=class extends o{static properties={session:{state:!0},notice:{state:!0},focusShell:{state:!0}};toasts=new yr;api=new fr({onUnauthenticated:()=>this.handleSessionLost()});apiProvider=new Ee(this,{context:R,initialValue:this.api});toastProvider=new Ee(this,{context:B,initialValue:this.toasts});sessionProvider=new Ee(this,{context:mr});demo=!1;sessionTask=new y(this,{task:async(e,{signal:t})=>{let n=await this.api.getSession(t);return this.demo=n.demo,this.session=n.authenticated&&n.username?{username:n.username,demo:n.demo}:null,n},args:()=>[]});constructor(){super(),this.session=void 0,this.focusShell=!1,this.notice=new URLSearchParams(window.location.search).get(`signin`)===`expired`?`link-expired`:void 0,this.addEventListener(hr.eventName,e=>this.handleSignedIn(e)),this.addEventListener(gr.eventName,()=>this.handleSignedOut())}createRenderRoot(){return this}willUpdate(e){e.has(`session`)&&this.sessionProvider.setValue(this.session??void 0)}handleSignedIn(e){this.session=e.session,this.notice=void 0,this.focusShell=!0,this.toasts.clear(),window.location.search&&window.history.replaceState(null,``,window.location.pathname)}handleSignedOut(){this.session=null,this.notice=`signed-out`,this.focusShell=!1,this.toasts.clear()}handleSessionLost(){this.session&&(this.session=null,this.notice=`session-ended`,this.focusShell=!1,this.toasts.clear())}handleRetry=()=>{this.sessionTask.run()};renderLoading(){return l`<div class="pd-admin-app__loading" role="status">
      <div class="slds-spinner slds-spinner_medium slds-spinner_brand">
        <span class="slds-assistive-text">Loading the admin UI</span>
        <div class="slds-spinner__dot-a"></div>
        <div class="slds-spinner__dot-b"></div>
      </div>
    </div>`}renderUnreachable(e){return l`<main class="pd-admin-app__unreachable">
      <div class="slds-box slds-theme_default">
        <h1 class="slds-text-heading_medium slds-m-bottom_small">
          ${T(`error`,`slds-icon slds-icon_small slds-icon-text-error slds-m-right_x-small`)} The admin UI cannot start
        </h1>
        <p class="slds-m-bottom_medium">${x(e)}</p>
        <button class="slds-button slds-button_brand" type="button" @click=${this.handleRetry}>Try again</button>
      </div>
    </main>`}render(){let e=this.sessionTask.render({initial:()=>this.renderLoading(),pending:()=>this.renderLoading(),error:e=>this.renderUnreachable(e),complete:()=>this.session?l`<pd-app-shell ?focus-on-start=${this.focusShell}></pd-app-shell>`:l`<pd-sign-in .notice=${this.notice} ?demo=${this.demo}></pd-sign-in>`});return l`${e}<pd-toast-region></pd-toast-region>`}};customElements.define(`pd-admin-app`,Jc);