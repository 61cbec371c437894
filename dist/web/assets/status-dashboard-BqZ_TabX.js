import{G as e,J as t,K as n,X as r,Y as i,b as a,i as o,r as s}from"./statusDashboardApi-C4R4UvZf.js";function c(e){let t=new Date(e);return Number.isNaN(t.getTime())?e:`${String(t.getUTCHours()).padStart(2,`0`)}:${String(t.getUTCMinutes()).padStart(2,`0`)} UTC`}function l(e){let t=`We are aware of an issue affecting ${e.serviceName}.`,n=e.latestStatusUpdate;return n?`${t} Latest update${n.at?` (${c(n.at)})`:``}: ${n.message.trim()}`:`${t} Our team ${e.status===`acknowledged`?`is working on it`:`has been alerted`}, and we will share an update soon.`}function u(e,t){let n=Math.max(0,Math.floor((t.getTime()-Date.parse(e))/6e4));if(Number.isNaN(n))return``;if(n<60)return`${n} min`;let r=Math.floor(n/60);return r<24?`${r} h ${String(n%60).padStart(2,`0`)} min`:`${Math.floor(r/24)} d ${r%24} h`}function d(e){return`${e} ${e===1?`Case`:`Cases`}`}var f=4e3,p=class extends e{static properties={source:{attribute:!1},serviceId:{state:!0},priorityId:{state:!0},lastReply:{state:!0},openCases:{state:!0},copied:{state:!0}};unsubscribe;copiedTimer;dashboardTask=new i(this,{task:async([e,t,n],{signal:r})=>{if(!e)throw Error(`The dashboard has no data source.`);let i=await e.dashboard({serviceId:t||void 0,priorityId:n||void 0},r);return this.lastReply=i,i},args:()=>[this.source,this.serviceId,this.priorityId]});constructor(){super(),this.source=void 0,this.serviceId=``,this.priorityId=``,this.lastReply=void 0,this.openCases=new Set,this.copied=void 0}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),this.subscribe()}disconnectedCallback(){this.unsubscribe?.(),this.unsubscribe=void 0,clearTimeout(this.copiedTimer),this.dashboardTask.abort(),super.disconnectedCallback()}willUpdate(e){e.has(`source`)&&this.subscribe()}subscribe(){this.unsubscribe?.(),this.unsubscribe=this.source&&this.isConnected?this.source.subscribe(this.refresh):void 0}refresh=()=>{this.dashboardTask.status!==r.PENDING&&this.dashboardTask.run()};toggleCases(e){let t=new Set(this.openCases);t.delete(e)||t.add(e),this.openCases=t}async copySummary(e){let t=l(e);try{await navigator.clipboard.writeText(t),this.copied={incidentId:e.id,ok:!0,message:`Customer summary copied`}}catch(t){this.copied={incidentId:e.id,ok:!1,message:`Could not copy (${a(t)}): select the update and copy it by hand.`}}clearTimeout(this.copiedTimer),this.copiedTimer=setTimeout(()=>this.copied=void 0,f)}render(){return t`<article class="slds-card pd-status-dashboard">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body">
            <h2 class="slds-card__header-title slds-text-heading_small">Status Dashboard</h2>
            <p class="slds-text-body_small slds-text-color_weak">Ongoing incidents linked to Cases, most severe first · updates live</p>
          </div>
        </header>
        <span class="pd-status-dashboard__busy" role="status">
          ${this.dashboardTask.status===r.PENDING&&this.lastReply?m(`Refreshing the dashboard`):n}
        </span>
      </div>
      <div class="slds-card__body slds-card__body_inner">${this.renderFilters()}${this.renderState()}</div>
    </article>`}renderState(){return this.dashboardTask.render({initial:()=>t`<p class="slds-text-color_weak" data-testid="status-dashboard-initial">Connecting to the dashboard…</p>`,pending:()=>this.lastReply?this.renderReply(this.lastReply):t`<div class="pd-status-dashboard__loading">${m(`Loading the ongoing incidents`)}</div>`,complete:e=>this.renderReply(e),error:e=>t`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-testid="status-dashboard-error">
            <h2>The dashboard could not be loaded: ${a(e)}</h2>
            <button class="slds-button slds-button_inverse pd-status-dashboard__retry" @click=${this.refresh}>Try again</button>
          </div>
          ${this.lastReply?t`<p class="slds-text-color_weak slds-m-top_small">Showing the data from ${o(this.lastReply.generatedAt)}.</p>
                  ${this.renderReply(this.lastReply)}`:n}`})}renderFilters(){let e=this.lastReply?.options??{services:[],priorities:[]};return t`<div class="slds-grid slds-wrap slds-gutters_direct-x-small slds-m-bottom_small" role="search">
      <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element">
        <label class="slds-form-element__label" for="pd-status-dashboard-service">Service</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select
              class="slds-select"
              id="pd-status-dashboard-service"
              data-testid="status-dashboard-service"
              @change=${e=>this.serviceId=e.target.value}
            >
              <option value="" ?selected=${this.serviceId===``}>All services</option>
              ${e.services.map(e=>t`<option value=${e.id} ?selected=${this.serviceId===e.id}>${e.name}</option>`)}
            </select>
          </div>
        </div>
      </div>
      <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element">
        <label class="slds-form-element__label" for="pd-status-dashboard-priority">Priority</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select
              class="slds-select"
              id="pd-status-dashboard-priority"
              data-testid="status-dashboard-priority"
              @change=${e=>this.priorityId=e.target.value}
            >
              <option value="" ?selected=${this.priorityId===``}>All priorities</option>
              ${e.priorities.map(e=>t`<option value=${e.id} ?selected=${this.priorityId===e.id}>${e.name}</option>`)}
            </select>
          </div>
        </div>
      </div>
    </div>`}renderReply(e){let n=new Date(e.generatedAt);return t`${this.renderIncidents(e.incidents,n)}${this.renderBusinessServices(e.impactedBusinessServices)}`}renderIncidents(e,n){return e.length===0?t`<p class="slds-text-color_weak slds-m-vertical_small" data-testid="status-dashboard-empty">
        No ongoing incident is linked to a Case${this.serviceId||this.priorityId?` with these filters`:``}.
      </p>`:t`<table
      class="slds-table slds-table_cell-buffer slds-table_bordered slds-no-row-hover pd-status-dashboard__table"
      data-testid="status-dashboard-incidents"
    >
      <caption class="slds-assistive-text">
        Ongoing incidents linked to Cases
      </caption>
      <thead>
        <tr class="slds-line-height_reset">
          ${[`Incident`,`Service`,`Status`,`Priority`,`Latest status update`,`Linked Cases`,`Open for`,`Customer summary`].map(e=>t`<th scope="col"><div class="slds-truncate" title=${e}>${e}</div></th>`)}
        </tr>
      </thead>
      <tbody>
        ${s(e,e=>e.id,e=>this.renderIncident(e,n))}
      </tbody>
    </table>`}renderIncident(e,r){let i=this.openCases.has(e.id),a=`pd-status-dashboard-cases-${e.id}`,s=this.copied?.incidentId===e.id?this.copied:void 0;return t`<tr data-testid="status-dashboard-incident" data-incident-id=${e.id}>
        <th scope="row" class="slds-cell-wrap">
          ${e.url?t`<a href=${e.url} target="_blank" rel="noopener">#${e.number} ${e.title}</a>`:t`#${e.number} ${e.title}`}
        </th>
        <td class="slds-cell-wrap">${e.serviceName}</td>
        <td>
          <span class="slds-badge ${e.status===`triggered`?`slds-theme_error`:`slds-theme_warning`}"
            >${e.status===`triggered`?`Triggered`:`Acknowledged`}</span
          >
        </td>
        <td>${e.priorityName??t`<span class="slds-text-color_weak">None</span>`}</td>
        <td class="slds-cell-wrap" data-testid="status-dashboard-update">
          ${e.latestStatusUpdate?t`<div>${e.latestStatusUpdate.message}</div>
                  ${e.latestStatusUpdate.at?t`<div class="slds-text-body_small slds-text-color_weak" title=${o(e.latestStatusUpdate.at)}>${c(e.latestStatusUpdate.at)}</div>`:n}`:t`<span class="slds-text-color_weak">No status update yet</span>`}
        </td>
        <td>
          <button
            class="slds-button"
            aria-expanded=${i?`true`:`false`}
            aria-controls=${a}
            data-testid="status-dashboard-cases"
            @click=${()=>this.toggleCases(e.id)}
          >
            ${d(e.linkedCases.length)}
          </button>
        </td>
        <td title=${o(e.createdAt)}>${u(e.createdAt,r)}</td>
        <td>
          <button class="slds-button slds-button_neutral" data-testid="status-dashboard-copy" @click=${()=>void this.copySummary(e)}>
            Copy customer summary
          </button>
          <div
            class="slds-text-body_small ${s?.ok===!1?`slds-text-color_error`:`slds-text-color_success`}"
            role="status"
            data-testid="status-dashboard-copied"
          >
            ${s?.message??``}
          </div>
        </td>
      </tr>
      ${i?t`<tr id=${a} data-testid="status-dashboard-case-list">
              <td colspan="8">
                <ul class="slds-list_horizontal slds-has-dividers_left" aria-label="Cases linked to incident #${e.number}">
                  ${e.linkedCases.map(e=>t`<li class="slds-item">
                        ${e.url?t`<a href=${e.url} target="_blank" rel="noopener">Case ${e.number??e.id}</a>`:t`Case ${e.number??e.id}`}
                      </li>`)}
                </ul>
              </td>
            </tr>`:n}`}renderBusinessServices(e){return t`<h3 class="slds-text-heading_small slds-m-top_medium slds-m-bottom_x-small">Impacted business services</h3>
      ${e.length===0?t`<p class="slds-text-color_weak" data-testid="status-dashboard-no-impacts">No business service is impacted.</p>`:t`<ul class="slds-has-dividers_bottom-space" data-testid="status-dashboard-business-services">
              ${e.map(e=>t`<li class="slds-item">
                    <span class="slds-badge slds-theme_error">Impacted</span>
                    ${e.name}${e.priorityName?t` · highest priority ${e.priorityName}`:n}
                  </li>`)}
            </ul>`}`}};function m(e){return t`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
    <span class="slds-assistive-text">${e}</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>`}customElements.define(`pd-status-dashboard`,p);