import{G as e,J as t,K as n,Y as r,_ as i,b as a,i as o,r as s}from"./statusDashboardApi-C4R4UvZf.js";import{t as c}from"./agentApi-CLkYMUSi.js";import{i as l}from"./icons-CuKf9g5F.js";var u={addNote:`Add a note`,postStatusUpdate:`Post a status update`,reassign:`Reassign`,changePriority:`Change priority`,changeUrgency:`Change urgency`,addResponders:`Add responders`,startWorkflow:`Start a workflow`,resolve:`Resolve with a note`,unlinkIncident:`Unlink from this Case`};function d(e){return Object.keys(u).filter(t=>e.includes(t))}function f(){return crypto.randomUUID()}function p(e){return e.status===0||e.status>=500}function m(e){let[t,n=``]=e.split(`:`);return t===`policy`?{userIds:[],escalationPolicyIds:[n]}:{userIds:n?[n]:[],escalationPolicyIds:[]}}function h(e,t){switch(e){case`addNote`:return{content:t.content??``};case`postStatusUpdate`:return{message:t.message??``};case`reassign`:{let e=m(t.assignee??``);return{userIds:e.userIds,escalationPolicyId:e.escalationPolicyIds[0]??null}}case`changePriority`:return{priorityId:t.priorityId??``};case`changeUrgency`:return{urgency:t.urgency??``};case`addResponders`:return{...m(t.responder??``),message:t.message??``};case`startWorkflow`:return{workflowId:t.workflowId??``};case`resolve`:return{note:t.note??``};case`unlinkIncident`:return}}function g(e){return{serviceId:e.serviceId??``,title:e.title??``,details:e.details??``,urgency:e.urgency??`high`,priorityId:e.priorityId?e.priorityId:null,..._(e.responder??``)}}function _(e){let{userIds:t,escalationPolicyIds:n}=e?m(e):{userIds:[],escalationPolicyIds:[]};return{responderUserIds:t,responderEscalationPolicyIds:n}}function v(e,t){return e===`changePriority`?t.priorities.length>0:e!==`startWorkflow`||t.workflows.length>0}var y=class e extends Event{reply;static type=`pd-agent-action-done`;constructor(t){super(e.type,{bubbles:!0,composed:!0}),this.reply=t}},b=class{host;busy=!1;error=null;#e=f();constructor(e){this.host=e}async run(e){if(this.busy)return!1;this.busy=!0,this.error=null,this.host.requestUpdate();try{let t=await e(this.#e);return this.#e=f(),this.host.dispatchEvent(new y(t)),!0}catch(e){return e instanceof i&&p(e)||(this.#e=f()),this.error=a(e),!1}finally{this.busy=!1,this.host.requestUpdate()}}renderError(){return this.error?t`<div class="slds-notify slds-notify_alert slds-alert_error slds-m-top_x-small" role="alert">
          <h2>${l(`error`,`slds-icon slds-icon_x-small slds-m-right_x-small`)}${this.error}</h2>
        </div>`:n}};function x(e,r,i,a,o,s){let c=[...new Set(a.map(e=>e.group??``))],l=e=>t`<option value=${e.value} ?selected=${e.value===o}>${e.label}</option>`;return t`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${e}>${r}</label>
    <div class="slds-form-element__control">
      <div class="slds-select_container">
        <select class="slds-select" id=${e} name=${i}>
          ${s===void 0?n:t`<option value="" ?selected=${!o}>${s}</option>`}
          ${c.map(e=>e?t`<optgroup label=${e}>${a.filter(t=>t.group===e).map(l)}</optgroup>`:a.filter(e=>!e.group).map(l))}
        </select>
      </div>
    </div>
  </div>`}function S(e,r,i,a,o={}){return t`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${e}
      >${o.required?t`<abbr class="slds-required" title="required">* </abbr>`:n}${r}</label
    >
    <div class="slds-form-element__control">
      <input class="slds-input" id=${e} name=${i} .value=${a} ?required=${o.required??!1} maxlength=${o.maxLength??1024} />
    </div>
  </div>`}function C(e,r,i,a,o={}){return t`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${e}
      >${o.required?t`<abbr class="slds-required" title="required">* </abbr>`:n}${r}</label
    >
    <div class="slds-form-element__control">
      <textarea class="slds-textarea" id=${e} name=${i} rows=${o.rows??3} .value=${a} ?required=${o.required??!1}></textarea>
    </div>
  </div>`}var w=(e,t)=>e.map(e=>({value:e.id,label:e.name,...t?{group:t}:{}})),T=(e,t)=>[...e.map(e=>({value:`user:${e.id}`,label:e.name,group:`Users`})),...t.map(e=>({value:`policy:${e.id}`,label:e.name,group:`Escalation policies`}))],E=[{value:`high`,label:`High`},{value:`low`,label:`Low`}];function D(e){let t={};for(let[n,r]of new FormData(e))typeof r==`string`&&(t[n]=r);return t}function O(e,n){return t`<button class="slds-button slds-button_brand" type="submit" ?disabled=${n} aria-busy=${n?`true`:`false`}>
    ${n?`Sending…`:e}
  </button>`}var k=class extends e{static properties={api:{attribute:!1},choices:{attribute:!1}};submission=new b(this);createRenderRoot(){return this}handleSubmit=e=>{e.preventDefault();let t=g(D(e.currentTarget));this.submission.run(e=>this.api.createIncident(t,e))};render(){let{prefill:e,services:n,priorities:r,users:i,escalationPolicies:a}=this.choices;return t`<form class="slds-form" aria-label="Create a PagerDuty incident" @submit=${this.handleSubmit}>
      ${x(`pd-create-service`,`Service`,`serviceId`,w(n),e.serviceId)}
      ${S(`pd-create-title`,`Title`,`title`,e.title,{required:!0})}
      ${C(`pd-create-details`,`Details`,`details`,e.details,{rows:4})}
      <div class="slds-grid slds-gutters_x-small">
        <div class="slds-col">${x(`pd-create-urgency`,`Urgency`,`urgency`,E,e.urgency)}</div>
        ${r.length?t`<div class="slds-col">
                ${x(`pd-create-priority`,`Priority`,`priorityId`,w(r),e.priorityId,`No priority`)}
              </div>`:``}
      </div>
      ${i.length||a.length?x(`pd-create-responder`,`Also ask to respond (optional)`,`responder`,T(i,a),null,`Nobody else`):``}
      ${this.submission.renderError()}
      <div class="slds-m-top_x-small">${O(`Create incident`,this.submission.busy)}</div>
    </form>`}};customElements.define(`pd-agent-create-incident`,k);var A=class extends e{static properties={api:{attribute:!1},choices:{attribute:!1},incident:{attribute:!1},action:{state:!0}};submission=new b(this);constructor(){super(),this.action=``}createRenderRoot(){return this}get offered(){return d(this.choices.allowedActions).filter(e=>v(e,this.choices))}handleChoose=e=>{this.action=e.currentTarget.value,this.submission.error=null};handleSubmit=async e=>{e.preventDefault();let{action:t}=this;if(!t)return;let n=h(t,D(e.currentTarget));await this.submission.run(e=>this.api.actOnIncident(t,this.incident.id,n,e))&&(this.action=``)};fieldsOf(e){let n=e=>`pd-act-${this.incident.id}-${e}`,{users:r,escalationPolicies:i,priorities:a,workflows:o}=this.choices;switch(e){case`addNote`:return C(n(`note`),`Note`,`content`,``,{required:!0});case`postStatusUpdate`:return C(n(`status-update`),`Status update (customers may read it)`,`message`,``,{required:!0});case`reassign`:return x(n(`assignee`),`Reassign to`,`assignee`,T(r,i),null);case`changePriority`:return x(n(`priority`),`Priority`,`priorityId`,w(a),null);case`changeUrgency`:return x(n(`urgency`),`Urgency`,`urgency`,E,this.incident.urgency);case`addResponders`:return t`${x(n(`responder`),`Responder`,`responder`,T(r,i),null)}
        ${C(n(`responder-message`),`Message`,`message`,``,{rows:2})}`;case`startWorkflow`:return x(n(`workflow`),`Workflow`,`workflowId`,w(o),null);case`resolve`:return C(n(`resolution`),`Resolution note`,`note`,``,{required:!0});case`unlinkIncident`:return t`<p class="slds-m-bottom_x-small">The incident stays open in PagerDuty; only this Case stops following it.</p>`}}render(){let e=this.offered;if(e.length===0)return n;let r=`#${this.incident.number??this.incident.id}`,{action:i}=this;return t`<div class="slds-form-element slds-m-top_small">
        <label class="slds-form-element__label" for=${`pd-act-${this.incident.id}`}>Action on incident ${r}</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select class="slds-select" id=${`pd-act-${this.incident.id}`} @change=${this.handleChoose}>
              <option value="" ?selected=${i===``}>Choose an action…</option>
              ${e.map(e=>t`<option value=${e} ?selected=${i===e}>${u[e]}</option>`)}
            </select>
          </div>
        </div>
      </div>
      ${i?t`<form
              class="slds-form slds-m-top_x-small"
              aria-label=${`${u[i]} on incident ${r}`}
              @submit=${this.handleSubmit}
            >
              ${this.fieldsOf(i)} ${this.submission.renderError()} ${O(u[i],this.submission.busy)}
            </form>`:n}`}};customElements.define(`pd-agent-incident-actions`,A);var j=class extends e{static properties={api:{attribute:!1},found:{state:!0},searching:{state:!0},searchError:{state:!0}};submission=new b(this);constructor(){super(),this.searching=!1,this.searchError=null}createRenderRoot(){return this}handleSearch=async e=>{e.preventDefault();let t=(D(e.currentTarget).q??``).trim();if(!t)this.searchError=`Enter an incident number or words of its title.`;else{this.searching=!0,this.searchError=null;try{this.found=(await this.api.searchIncidents(t)).incidents}catch(e){this.searchError=a(e)}finally{this.searching=!1}}};link(e){this.submission.run(t=>this.api.linkIncident(e.id,t))}renderMatches(){return this.found===void 0?n:this.found.length===0?t`<p class="slds-text-color_weak slds-m-top_x-small" role="status">No open incident matches.</p>`:t`<ul class="slds-has-dividers_top-space slds-m-top_x-small" aria-label="Matching incidents">
      ${this.found.map(e=>t`<li class="slds-item slds-grid slds-grid_vertical-align-center">
            <div class="slds-col slds-truncate" title=${e.title}>
              #${e.number??e.id} ${e.title}
              <span class="slds-text-color_weak">· ${e.status}${e.service?` · ${e.service}`:``}</span>
            </div>
            <button
              class="slds-button slds-button_neutral slds-col_bump-left"
              type="button"
              ?disabled=${this.submission.busy}
              aria-label=${`Link incident #${e.number??e.id}`}
              @click=${()=>this.link(e)}
            >
              Link
            </button>
          </li>`)}
    </ul>`}render(){return t`<form class="slds-form" role="search" aria-label="Search incidents to link" @submit=${this.handleSearch}>
        <div class="slds-form-element">
          <label class="slds-form-element__label" for="pd-link-search">Incident number or title</label>
          <div class="slds-form-element__control slds-grid">
            <input class="slds-input slds-col" id="pd-link-search" name="q" type="search" />
            <button class="slds-button slds-button_neutral slds-m-left_x-small" type="submit" ?disabled=${this.searching}>
              ${this.searching?`Searching…`:`Search`}
            </button>
          </div>
        </div>
      </form>
      ${this.searchError?t`<div class="slds-notify slds-notify_alert slds-alert_error slds-m-top_x-small" role="alert"><h2>${this.searchError}</h2></div>`:n}
      ${this.renderMatches()} ${this.submission.renderError()}`}};customElements.define(`pd-agent-link-incident`,j);var M=class extends e{static properties={api:{attribute:!1},incidents:{attribute:!1},panel:{state:!0},notice:{state:!0}};choicesTask=new r(this,{task:(e,{signal:t})=>this.api.getActions(t),args:()=>[]});constructor(){super(),this.incidents=[],this.panel=null,this.notice=null,this.addEventListener(y.type,e=>{this.notice=e.reply,this.panel=null})}createRenderRoot(){return this}async toggle(e){this.panel=this.panel===e?null:e,this.notice=null,this.panel&&(await this.updateComplete,await this.querySelector(`#pd-case-action-panel > *`)?.updateComplete,this.querySelector(`#pd-case-action-panel select, #pd-case-action-panel input`)?.focus())}renderNotice(){if(!this.notice)return n;let e=this.notice.status===`done`?`slds-theme_success`:`slds-theme_info`;return t`<div class="slds-notify slds-notify_alert ${e} slds-m-bottom_x-small" role="status">
      <h2>${l(this.notice.status===`done`?`success`:`info`,`slds-icon slds-icon_x-small slds-m-right_x-small`)}${this.notice.message}</h2>
    </div>`}renderCaseActions(e){let r=e.allowedActions.includes(`createIncident`)&&e.services.length>0,i=e.allowedActions.includes(`linkIncident`);if(!r&&!i)return n;let a=(e,n)=>t`<button
        class="slds-button ${this.panel===e?`slds-button_brand`:`slds-button_neutral`}"
        type="button"
        aria-expanded=${this.panel===e?`true`:`false`}
        aria-controls="pd-case-action-panel"
        @click=${()=>void this.toggle(e)}
      >
        ${n}
      </button>`;return t`<div class="slds-button-group" role="group" aria-label="Incident for this Case">
        ${r?a(`create`,`Create incident`):n} ${i?a(`link`,`Link to an incident`):n}
      </div>
      <div id="pd-case-action-panel" class="slds-m-top_small">
        ${this.panel===`create`&&r?t`<pd-agent-create-incident .api=${this.api} .choices=${e}></pd-agent-create-incident>`:n}
        ${this.panel===`link`&&i?t`<pd-agent-link-incident .api=${this.api}></pd-agent-link-incident>`:n}
      </div>`}renderActions(e){return t`${this.renderNotice()}
    ${this.incidents.length===0?this.renderCaseActions(e):this.incidents.map(n=>t`<pd-agent-incident-actions .api=${this.api} .choices=${e} .incident=${n}></pd-agent-incident-actions>`)}`}render(){return t`<section class="slds-m-top_small" aria-label="PagerDuty actions">
      ${this.choicesTask.render({initial:()=>n,pending:()=>this.choicesTask.value?this.renderActions(this.choicesTask.value):t`<p class="slds-text-color_weak" role="status">Loading the actions…</p>`,error:e=>t`<div class="slds-notify slds-notify_alert slds-alert_warning" role="alert">
              <h2>${l(`warning`,`slds-icon slds-icon_x-small slds-m-right_x-small`)}The actions are not available: ${a(e)}</h2>
            </div>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${()=>void this.choicesTask.run()}>Try again</button>`,complete:e=>this.renderActions(e)})}
    </section>`}};customElements.define(`pd-agent-actions`,M);var N={log_entry:`Log entry`,note:`Note`,status_update:`Status update`},P=class extends e{static properties={api:{attribute:!1},incidentLabels:{attribute:!1},timelines:{state:!0},error:{state:!0}};#e;#t;#n=!1;constructor(){super(),this.api=void 0,this.incidentLabels=new Map,this.timelines=void 0,this.error=void 0}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),this.api&&(this.#r(),this.#e=this.api.subscribeCase(()=>{this.#r(),this.dispatchEvent(new CustomEvent(`pd-case-changed`,{bubbles:!0,composed:!0}))}))}disconnectedCallback(){this.#e?.(),this.#e=void 0,this.#t?.abort(),super.disconnectedCallback()}async#r(){if(!this.api)return;if(this.#t){this.#n=!0;return}let e=new AbortController;this.#t=e;try{this.timelines=(await this.api.getTimeline(e.signal)).timelines,this.error=void 0}catch(t){e.signal.aborted||(this.error=t)}finally{this.#t=void 0}this.#n&&!e.signal.aborted&&(this.#n=!1,await this.#r())}renderEntry(e){return t`<li class="slds-timeline__item pd-timeline-entry" data-kind=${e.kind} data-type=${e.type??n}>
      <div class="slds-media">
        <div class="slds-media__body">
          <div class="slds-grid slds-grid_align-spread">
            <p class="slds-text-title">${N[e.kind]}${e.by?t` · ${e.by}`:n}</p>
            <p class="slds-timeline__date"><time datetime=${e.at}>${o(e.at)}</time></p>
          </div>
          <p class="slds-m-top_xx-small pd-timeline-text">${e.text}</p>
        </div>
      </div>
    </li>`}render(){return this.error&&!this.timelines?t`<p class="slds-text-color_error" role="alert">${a(this.error)}</p>`:this.timelines?t`${this.error?t`<p class="slds-text-color_error" role="alert">${a(this.error)} Showing the last timeline read.</p>`:n}
    ${s(this.timelines,e=>e.incidentId,e=>t`<section class="slds-m-top_small" aria-label=${`Timeline of ${this.incidentLabels.get(e.incidentId)??e.incidentId}`}>
          <h2 class="slds-text-heading_small slds-m-bottom_x-small">Timeline of ${this.incidentLabels.get(e.incidentId)??e.incidentId}</h2>
          ${e.entries.length?t`<ul class="slds-timeline" aria-live="polite">
                  ${s(e.entries,e=>e.id,e=>this.renderEntry(e))}
                </ul>`:t`<p class="slds-text-color_weak">Nothing has happened on this incident yet.</p>`}
        </section>`)}`:t`<p class="slds-text-color_weak" role="status">Loading the timeline…</p>`}};customElements.define(`pd-case-timeline`,P);function F(e){return e.escalationPolicy===null?null:e.escalationLevel===null?e.escalationPolicy:`${e.escalationPolicy} · Level ${e.escalationLevel}`}var I=class extends e{api=new c;caseTask=new r(this,{task:(e,{signal:t})=>this.api.getCase(t),args:()=>[]});createRenderRoot(){return this}retry=()=>{this.caseTask.run()};caseChanged=()=>{this.caseTask.run()};disconnectedCallback(){this.api.token.stop(),super.disconnectedCallback()}renderLoading(){return t`<div class="slds-is-relative slds-p-around_large" role="status">
      <div class="slds-spinner slds-spinner_small slds-spinner_brand">
        <span class="slds-assistive-text">Loading the PagerDuty incidents of this Case</span>
        <div class="slds-spinner__dot-a"></div>
        <div class="slds-spinner__dot-b"></div>
      </div>
    </div>`}renderError(e){return t`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert">
        <h2>${l(`error`,`slds-icon slds-icon_x-small slds-m-right_x-small`)}${a(e)}</h2>
      </div>
      <div class="slds-p-around_small">
        <button class="slds-button slds-button_neutral" type="button" @click=${this.retry}>Try again</button>
      </div>`}renderIncident(e){let r=(e,n)=>t`<dt class="slds-item_label slds-text-color_weak slds-truncate" title=${e}>${e}</dt>
        <dd class="slds-item_detail">${n??`—`}</dd>`;return t`<li class="slds-item" data-incident=${e.id}>
      <article class="slds-tile">
        <h3 class="slds-tile__title slds-text-heading_small">
          ${e.url?t`<a href=${e.url} target="_blank" rel="noopener noreferrer">#${e.number??e.id} ${e.title}</a>`:t`#${e.number??e.id} ${e.title}`}
        </h3>
        <div class="slds-tile__detail">
          <dl class="slds-list_horizontal slds-wrap">
            ${r(`Status`,e.status)} ${r(`Urgency`,e.urgency)} ${r(`Priority`,e.priority)}
            ${r(`Service`,e.service)} ${r(`Assigned to`,e.assignees.join(`, `)||null)}
            ${r(`Escalation policy`,F(e))} ${r(`Created`,e.createdAt&&o(e.createdAt))}
            ${r(`Acknowledged`,e.acknowledgedAt&&o(e.acknowledgedAt))}
          </dl>
          ${e.otherLinkedCases>0?t`<p class="slds-text-body_small slds-m-top_xx-small" data-testid="other-linked-cases">
                  Linked to ${e.otherLinkedCases} other ${e.otherLinkedCases===1?`Case`:`Cases`}
                </p>`:n}
        </div>
      </article>
    </li>`}renderCase(e){return t`<div class="slds-card__body slds-card__body_inner">
      ${e.incidents.length?t`<ul class="slds-has-dividers_bottom-space" aria-label="Linked PagerDuty incidents">
              ${e.incidents.map(e=>this.renderIncident(e))}
            </ul>`:t`<p class="slds-text-color_weak">No PagerDuty incident is linked to this Case.</p>`}
      <pd-agent-actions .api=${this.api} .incidents=${e.incidents} @pd-agent-action-done=${this.retry}></pd-agent-actions>
      <pd-case-timeline
        .api=${this.api}
        .incidentLabels=${new Map(e.incidents.map(e=>[e.id,`#${e.number??e.id}`]))}
        @pd-case-changed=${this.caseChanged}
      ></pd-case-timeline>
    </div>`}render(){let e=this.caseTask.value;return t`<article class="slds-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body">
            <h1 class="slds-card__header-title slds-text-heading_small">
              PagerDuty incidents${e?.case.number?t` for Case ${e.case.number}`:n}
            </h1>
          </div>
        </header>
      </div>
      ${this.caseTask.render({initial:()=>this.renderLoading(),pending:()=>e?this.renderCase(e):this.renderLoading(),error:e=>this.renderError(e),complete:e=>this.renderCase(e)})}
    </article>`}};customElements.define(`pd-agent-console`,I);