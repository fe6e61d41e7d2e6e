import LeadModel
